using System.Globalization;

namespace Perceptron.Data;

/// <summary>Header reading: names, uniqueness and the delimiter.</summary>
public static partial class CsvLoader
{
    /// <summary>Reads and checks the header row (the first non-empty record) and detects the delimiter if not given.</summary>
    private static string[] ReadHeader(CsvRecordReader reader, string sourceName, char? delimiter)
    {
        reader.Delimiter = delimiter ?? reader.DetectDelimiter();
        if (!reader.Read())
        {
            throw new DataFormatException(sourceName, "the file is empty; expected a header row naming the columns, then data rows");
        }

        string[] names = new string[reader.FieldCount];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        bool allNumbers = true;
        for (int c = 0; c < names.Length; c++)
        {
            names[c] = reader[c].Trim().ToString();
            if (names[c].Length == 0)
            {
                throw reader.Error("the header name is empty; every column needs a name (an unnamed first column is often a saved row index: remove it)", c);
            }

            if (!seen.TryAdd(names[c], c))
            {
                throw new DataFormatException(sourceName, $"the header name {MessageText.Quote(names[c])} is also used by column {seen[names[c]]}; names must be unique", reader.RecordLine, c, names[c]);
            }

            allNumbers &= double.TryParse(names[c], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        }

        if (allNumbers)
        {
            throw reader.Error("the first row is all numbers, so it looks like data; a header row naming the columns is required");
        }

        reader.ColumnNames = names;
        return names;
    }

    /// <summary>Names for a message: quoted, comma-separated, at most 20 then "and N more".</summary>
    private static string ListNames(IReadOnlyCollection<string> names)
    {
        const int MaxListed = 20;
        string listed = string.Join(", ", names.Take(MaxListed).Select(n => MessageText.Quote(n)));
        return names.Count > MaxListed ? $"{listed} and {names.Count - MaxListed} more" : listed;
    }
}
