using System.Globalization;

namespace Perceptron.Data;

/// <summary>
/// The start of a CSV file worked out: lines to skip, comment lines before the header, the delimiter, a scikit-learn
/// counts line, and whether the first row is a header. What is decided here, and why, is in <see cref="Notes"/>.
/// </summary>
/// <remarks>
/// Rules (docs/data.md, "Layout"): a first line of two whole numbers N, F followed by class names or empty fields, whose
/// next line has F + 1 fields, is a counts line (scikit-learn's bundled files) and is skipped; its class names name
/// the classes 0…k−1. A first row of numbers only is data unless it is exactly 0, 1, 2, … or 1, 2, 3, … (a writer's
/// column numbers). Lines starting with '#' before the first row are skipped even without a comment option.
/// </remarks>
internal sealed class CsvLayout
{
    /// <summary>The column names: the header's, or x0, x1, … without one.</summary>
    public required string[] Names { get; init; }

    /// <summary>Whether the file has a header row.</summary>
    public bool HasHeader { get; init; }

    /// <summary>A first row that turned out to be data; it comes before any record the reader holds.</summary>
    public StoredRecord? FirstData { get; init; }

    /// <summary>Whether the reader's current record is data not yet consumed (it was read to recognise a counts line).</summary>
    public bool ReaderHoldsData { get; init; }

    /// <summary>Class names from a counts line, for targets 0…k−1; null without one.</summary>
    public IReadOnlyList<string>? CountsClassNames { get; init; }

    /// <summary>The row count a counts line declares; null without one.</summary>
    public long? DeclaredRows { get; init; }

    /// <summary>What was recognised, in sentences a user can act on.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Reads the skipped lines, the first record and, when needed, the second, and decides the layout.</summary>
    public static CsvLayout Read(CsvRecordReader reader, CsvLoadOptions options, CellParser cells, string source)
    {
        reader.Quote = options.Quote;
        int skipped = reader.SkipLines(options.SkipRows);

        // '#' lines before the first row are comments even without --comment; after it only the option decides.
        reader.Comment = options.Comment ?? '#';
        reader.Delimiter = options.Delimiter ?? reader.DetectDelimiter(options.DecimalSeparator == ',' ? ";\t|" : ",;\t|");
        if (!reader.Read())
        {
            string after = skipped > 0 ? $" after the {skipped} skipped lines" : "";
            throw new DataFormatException(source, $"the file has no header and no data{after}: it is empty or holds only blank or comment lines");
        }

        int leadingComments = reader.CommentLines;
        reader.Comment = options.Comment;
        StoredRecord first = StoredRecord.Copy(reader);
        reader.ColumnNames = [.. first.Fields.Select(f => f.Trim())]; // for errors in the next record, read before the header is settled
        bool second = reader.Read();

        var layout = IsCountsLine(first, second ? reader : null, cells, out int rows, out string[] classNames)
            ? AfterCountsLine(reader, options, cells, source, first, second, rows, classNames)
            : FromFirstRow(reader, options, cells, source, first, readerHoldsData: second, counts: null, countsLine: null);
        if (leadingComments > 0 && options.Comment is null)
        {
            layout.Notes.Insert(0, $"skipped {Lines(leadingComments)} starting with '#' before the first row (--comment '#' skips such lines anywhere)");
        }

        return layout;
    }

    /// <summary>The counts line is dropped; the next record is the header or the first data row.</summary>
    private static CsvLayout AfterCountsLine(CsvRecordReader reader, CsvLoadOptions options, CellParser cells, string source,
        StoredRecord countsLine, bool second, int rows, string[] classNames)
    {
        if (!second)
        {
            throw new DataFormatException(source, "the file holds only a counts line (row and feature counts) and no header or data", countsLine.RecordLine);
        }

        StoredRecord next = StoredRecord.Copy(reader);
        reader.ColumnNames = [.. next.Fields.Select(f => f.Trim())];
        bool third = reader.Read();
        var counts = (rows, classNames);
        return FromFirstRow(reader, options, cells, source, next, readerHoldsData: third, counts, countsLine);
    }

    private static CsvLayout FromFirstRow(CsvRecordReader reader, CsvLoadOptions options, CellParser cells, string source,
        StoredRecord first, bool readerHoldsData, (int Rows, string[] ClassNames)? counts, StoredRecord? countsLine)
    {
        bool header = options.HasHeader ?? !LooksLikeData(first, cells);
        string[] names = header ? HeaderNames(first, source) : [.. Enumerable.Range(0, first.FieldCount).Select(i => $"x{i}")];
        reader.ColumnNames = names;
        var layout = new CsvLayout
        {
            Names = names,
            HasHeader = header,
            FirstData = header ? null : first,
            ReaderHoldsData = readerHoldsData,
            CountsClassNames = counts is { ClassNames.Length: > 0 } c ? c.ClassNames : null,
            DeclaredRows = counts?.Rows,
        };
        if (countsLine is not null)
        {
            string named = counts!.Value.ClassNames.Length > 0 ? $" and names the classes {string.Join(", ", counts.Value.ClassNames)}" : "";
            layout.Notes.Add($"line {countsLine.RecordLine} is a scikit-learn counts line ({counts.Value.Rows} rows, {names.Length - 1} features){named}: skipped");
        }

        if (!header && options.HasHeader is null)
        {
            layout.Notes.Add($"the first row holds only numbers, so the file has no header: it is read as data and the columns are named x0…x{names.Length - 1} (--no-header says so explicitly)");
        }

        int numericNames = header ? names.Count(n => cells.Parse(n, out _, out _) == CellKind.Number) : 0;
        if (numericNames * 2 >= names.Length && numericNames > 0 && options.HasHeader is null)
        {
            layout.Notes.Add($"{numericNames} of the {names.Length} header names are numbers ({string.Join(", ", names.Where(n => cells.Parse(n, out _, out _) == CellKind.Number).Take(3))}, …): if the first row is data, pass --no-header");
        }

        return layout;
    }

    /// <summary>Numbers (or empty cells) only, and not the sequence 0, 1, 2, … or 1, 2, 3, … a writer numbers columns with.</summary>
    private static bool LooksLikeData(StoredRecord record, CellParser cells)
    {
        bool anyNumber = false, fromZero = true, fromOne = true;
        for (int i = 0; i < record.FieldCount; i++)
        {
            CellKind kind = cells.Parse(record[i], out float value, out _);
            if (kind is CellKind.Text)
            {
                return false;
            }

            anyNumber |= kind == CellKind.Number;
            fromZero &= kind == CellKind.Number && value == i;
            fromOne &= kind == CellKind.Number && value == i + 1;
        }

        return anyNumber && !(record.FieldCount > 1 && (fromZero || fromOne));
    }

    /// <summary>
    /// N, F, then class names (two or more, distinct text) or only empty fields; and the next record has F + 1 fields (F
    /// features and the target). With class names, a next record of data must end with a class index; with empty fields
    /// only (scikit-learn's boston_house_prices.csv), the next record must be a header.
    /// </summary>
    private static bool IsCountsLine(StoredRecord first, ICsvRecord? next, CellParser cells, out int rows, out string[] classNames)
    {
        classNames = [];
        rows = 0;
        if (next is null || first.FieldCount < 2
            || !int.TryParse(first[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out rows) || rows < 1
            || !int.TryParse(first[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int features) || features < 1
            || next.FieldCount != features + 1)
        {
            return false;
        }

        string[] rest = [.. first.Fields.Skip(2).Select(f => f.Trim())];
        if (rest.Length > 0 && rest.All(f => f.Length == 0))
        {
            bool nextIsHeader = Enumerable.Range(0, next.FieldCount).All(i => cells.Parse(next[i], out _, out _) == CellKind.Text);
            return nextIsHeader;
        }

        // Class names: at least two, all text and distinct; the next record is a header, or data whose last field is a class index.
        classNames = rest;
        bool nextIsData = Enumerable.Range(0, next.FieldCount).Any(i => cells.Parse(next[i], out _, out _) == CellKind.Number);
        return rest.Length >= 2 && rest.Distinct(StringComparer.Ordinal).Count() == rest.Length
            && rest.All(f => f.Length > 0 && cells.Parse(f, out _, out _) == CellKind.Text)
            && (!nextIsData || (int.TryParse(next[next.FieldCount - 1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int label) && label < rest.Length));
    }

    /// <summary>Trimmed, non-empty, unique names; empty names at the end (a trailing delimiter, as some spreadsheets write) are dropped.</summary>
    private static string[] HeaderNames(StoredRecord record, string source)
    {
        int count = record.FieldCount;
        while (count > 1 && record[count - 1].IsWhiteSpace())
        {
            count--;
        }

        string[] names = new string[count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < names.Length; c++)
        {
            names[c] = record[c].Trim().ToString();
            if (names[c].Length == 0)
            {
                throw new DataFormatException(source, "the header name is empty; every column needs a name (an unnamed first column is often a saved row index: remove it; a file without a header needs --no-header)", record.RecordLine, c);
            }

            if (!seen.TryAdd(names[c], c))
            {
                throw new DataFormatException(source, $"the header name {MessageText.Quote(names[c])} is also used by column {seen[names[c]]}; names must be unique (a file without a header needs --no-header)", record.RecordLine, c, names[c]);
            }
        }

        return names;
    }

    private static string Lines(int count) => count == 1 ? "1 line" : $"{count} lines";
}
