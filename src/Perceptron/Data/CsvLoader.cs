using System.Runtime.InteropServices;
using System.Text;
using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>Loads a CSV file with a header row into a <see cref="TabularDataset"/>: numeric features and one target.</summary>
/// <remarks>
/// Accepts RFC 4180 text: ',' ';' or tab delimiters (detected from the header), quoted fields with "" escapes,
/// CRLF/LF/CR line ends, UTF-8 with or without a byte-order mark, and UTF-16/32 with one. Every feature cell must be
/// a finite number that fits a float; the target may be numbers or class names. The task is inferred unless
/// <see cref="CsvLoadOptions.Task"/> forces it (rules in docs/data.md). Any defect raises a
/// <see cref="DataFormatException"/> naming the file, the line and the column.
/// </remarks>
/// <example><code>
/// TabularDataset iris = CsvLoader.Load("iris.csv", new CsvLoadOptions { TargetName = "species" });
/// Console.WriteLine(iris); // iris.csv: 150 rows × 4 features → species (classification, 3 classes)
/// </code></example>
public static partial class CsvLoader
{
    /// <summary>Strict UTF-8: invalid bytes are an error, not silently replaced.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Loads features and a target from a CSV file.</summary>
    /// <param name="path">The CSV file; its first row names the columns.</param>
    /// <param name="options">Target, task, delimiter and limits; <see langword="null"/> for <see cref="CsvLoadOptions.Default"/>.</param>
    /// <returns>The dataset; <see cref="TabularDataset.Source"/> is the file name.</returns>
    /// <exception cref="DataFormatException">The file is malformed: see the message for the line, column and fix.</exception>
    /// <exception cref="ArgumentException">The options contradict each other or are out of range.</exception>
    /// <exception cref="IOException">The file cannot be opened (for example <see cref="FileNotFoundException"/>).</exception>
    public static TabularDataset Load(string path, CsvLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = OpenFile(path);
        return Load(stream, path, options);
    }

    /// <summary>Loads features and a target from CSV text in a stream.</summary>
    /// <param name="stream">The CSV bytes; read to the end and left open.</param>
    /// <param name="sourceName">The name used in messages and as <see cref="TabularDataset.Source"/> (its file-name part).</param>
    /// <param name="options">As for <see cref="Load(string, CsvLoadOptions?)"/>.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="DataFormatException">The text is malformed.</exception>
    /// <exception cref="ArgumentException">The options contradict each other or are out of range.</exception>
    public static TabularDataset Load(Stream stream, string sourceName, CsvLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        options ??= CsvLoadOptions.Default;
        options.Validate();
        using TextReader text = OpenText(stream);
        var reader = new CsvRecordReader(text, sourceName, options.MaxColumns);
        string[] header = ReadHeader(reader, sourceName, options.Delimiter);
        if (header.Length < 2)
        {
            throw new DataFormatException(sourceName, $"the header has one column ({MessageText.Quote(header[0])}) but at least two are needed, a feature and a target; " +
                $"if the file uses another delimiter than '{Show(reader.Delimiter)}', set CsvLoadOptions.Delimiter", 1);
        }

        int target = ResolveTarget(header, options, sourceName);
        int[] featureColumns = [.. Enumerable.Range(0, header.Length).Where(c => c != target)];
        var targets = new TargetColumn(options.Task);
        var features = new List<float>();
        float[] row = new float[featureColumns.Length];
        int rows = 0, dropped = 0;
        while (reader.Read())
        {
            CheckWidth(reader, header.Length);
            if (!TryParseRow(reader, target, row, targets, options.DropInvalidRows))
            {
                dropped++;
                continue;
            }

            CheckCells(reader, rows + 1L, row.Length, options.MaxCells);
            features.AddRange(row);
            rows++;
        }

        CheckNotEmpty(sourceName, rows, dropped);
        var matrix = new Matrix<float>(rows, featureColumns.Length, CollectionsMarshal.AsSpan(features).ToArray());
        string[] names = [.. featureColumns.Select(c => header[c])];
        string source = Path.GetFileName(sourceName);
        if (targets.Task == TaskKind.Regression)
        {
            return TabularDataset.ForRegression(source, matrix, names, header[target], targets.Targets(), dropped);
        }

        (int[] labels, string[] classNames) = targets.Classes();
        return TabularDataset.ForClassification(source, matrix, names, header[target], labels, classNames, dropped);
    }

    /// <summary>Parses one record: the target into <paramref name="targets"/>, features into <paramref name="row"/>.</summary>
    /// <returns><see langword="false"/> if a cell is invalid and rows may be dropped; throws if they may not.</returns>
    private static bool TryParseRow(CsvRecordReader reader, int target, float[] row, TargetColumn targets, bool drop)
    {
        double value = 0;
        string? text = null;
        for (int c = 0, f = 0; c < reader.FieldCount; c++)
        {
            // Cells are checked left to right, so the error names the first bad one.
            string? problem = c == target
                ? targets.Check(reader[c], out value, out text)
                : NumberCell.TryParse(reader[c], out row[f++]);
            if (problem is not null)
            {
                return drop ? false : throw reader.Error(problem + "; fix the cell or set CsvLoadOptions.DropInvalidRows", c);
            }
        }

        targets.Add(value, text);
        return true;
    }

    private static int ResolveTarget(string[] header, CsvLoadOptions options, string sourceName)
    {
        if (options.TargetName is { } name)
        {
            int index = Array.IndexOf(header, name);
            return index >= 0 ? index : throw new DataFormatException(sourceName,
                $"the target column '{name}' is not in the header; the columns are {ListNames(header)}", 1);
        }

        if (options.TargetIndex is int i && i >= header.Length)
        {
            throw new DataFormatException(sourceName, $"the target index {i} is past the last column (the header has {header.Length} columns, indices 0..{header.Length - 1})", 1);
        }

        return options.TargetIndex ?? header.Length - 1;
    }

    private static void CheckWidth(CsvRecordReader reader, int expected)
    {
        if (reader.FieldCount != expected)
        {
            throw reader.Error($"the row has {reader.FieldCount} fields but the header has {expected}; every row needs one field per header column (check quotes and delimiters)");
        }
    }

    private static void CheckCells(CsvRecordReader reader, long rows, int columns, long maxCells)
    {
        if (rows * columns > maxCells)
        {
            throw reader.Error($"the data exceeds {MessageText.Count(maxCells)} feature cells, the limit (raise CsvLoadOptions.MaxCells if this is intended)");
        }
    }

    private static void CheckNotEmpty(string sourceName, int rows, int dropped)
    {
        if (rows == 0)
        {
            throw new DataFormatException(sourceName, dropped == 0
                ? "the file has a header but no data rows"
                : $"all {dropped} data rows were dropped as invalid; nothing is left to load");
        }
    }

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

    private static StreamReader OpenText(Stream stream) =>
        new(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);

    private static string Show(char delimiter) => delimiter == '\t' ? "\\t" : delimiter.ToString();
}
