using System.Text;

namespace Perceptron.Data;

/// <summary>Loads a CSV file into a <see cref="TabularDataset"/>: one target and feature columns that hold numbers or categories.</summary>
/// <remarks>
/// Accepts RFC 4180 text: the delimiter (',' ';' tab or '|') is detected from the first line, quoted fields may hold
/// delimiters and line breaks, line ends are CRLF/LF/CR, the encoding UTF-8 with or without a byte-order mark (or UTF-16/32
/// with one), gzip-compressed or not (recognised by its first bytes). A scikit-learn counts line, a missing header and
/// comment lines before the header are recognised (<see cref="TabularDataset.Notes"/> says what was). Empty cells and
/// the markers of <see cref="CsvLoadOptions.MissingValues"/> are missing (NaN), to be imputed; text columns become
/// categorical; dates, free text and identifiers cannot be features and are an error unless
/// <see cref="CsvLoadOptions.AutoColumns"/> leaves them out. The task is inferred unless forced (rules in docs/data.md).
/// Any defect raises a <see cref="DataFormatException"/> naming the file, the line and the column.
/// </remarks>
/// <example><code>
/// TabularDataset iris = CsvLoader.Load("iris.csv", new CsvLoadOptions { TargetName = "species" });
/// Console.WriteLine(iris); // iris.csv: 150 rows × 4 features → species (classification, 3 classes)
/// </code></example>
public static partial class CsvLoader
{
    /// <summary>Strict UTF-8: invalid bytes are an error, not silently replaced.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Loads features and a target from a CSV file (gzip-compressed or not).</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">Dialect, target, columns and limits; <see langword="null"/> for <see cref="CsvLoadOptions.Default"/>.</param>
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
    /// <param name="stream">The CSV bytes, gzip-compressed or not; read to the end and left open.</param>
    /// <param name="sourceName">The name used in messages and as <see cref="TabularDataset.Source"/> (its file-name part).</param>
    /// <param name="options">As for <see cref="Load(string, CsvLoadOptions?)"/>.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="DataFormatException">The text is malformed.</exception>
    /// <exception cref="ArgumentException">The options contradict each other or are out of range.</exception>
    public static TabularDataset Load(Stream stream, string sourceName, CsvLoadOptions? options = null) => Load(stream, sourceName, options, int.MaxValue);

    private static TabularDataset Load(Stream stream, string sourceName, CsvLoadOptions? options, int maxRecords)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        options ??= CsvLoadOptions.Default;
        options.Validate();
        return Read(stream, sourceName, options, (reader, cells) =>
        {
            var layout = CsvLayout.Read(reader, options, cells, sourceName);
            CheckTwoColumns(layout, reader, sourceName);
            int target = ResolveTarget(layout.Names, options, sourceName);
            ColumnProfile[] columns = SelectFeatures(layout.Names, target, options, sourceName);
            var targets = new TargetColumn(options.Task, cells) { GivenClassNames = layout.CountsClassNames };
            var table = new CsvTable(sourceName, layout.Names, target, columns, options, cells, targets);
            ForEachDataRecord(reader, layout, table.Add, maxRecords);
            return table.Finish(layout);
        });
    }

    /// <summary>Loads the first <paramref name="maxRecords"/> data records of a file, as <see cref="Load(string, CsvLoadOptions?)"/>
    /// loads a whole one: what a streaming reader settles the columns' kinds and the task from.</summary>
    internal static TabularDataset LoadHead(string path, CsvLoadOptions options, int maxRecords)
    {
        using FileStream stream = OpenFile(path);
        return Load(stream, path, options, maxRecords);
    }

    /// <summary>Opens the text (decompressing gzip) and runs <paramref name="parse"/> on a record reader over it.</summary>
    private static T Read<T>(Stream stream, string sourceName, CsvLoadOptions options, Func<CsvRecordReader, CellParser, T> parse)
    {
        Stream input = IdxPayload.OpenMaybeGzip(stream, out bool gzip);
        input = gzip ? GzipLengthCheck.Wrap(input, stream, sourceName) : input;
        try
        {
            using TextReader text = OpenText(input);
            var reader = new CsvRecordReader(text, sourceName, options.MaxColumns);
            return parse(reader, new CellParser(options.DecimalSeparator, options.MissingValues));
        }
        finally
        {
            if (gzip)
            {
                input.Dispose();
            }
        }
    }

    /// <summary>Every data record in file order: a first row that was data, the record read to spot a counts line, then the rest.</summary>
    private static void ForEachDataRecord(CsvRecordReader reader, CsvLayout layout, Action<ICsvRecord> add, int maxRecords = int.MaxValue)
    {
        int records = 0;
        if (layout.FirstData is { } first && records++ < maxRecords)
        {
            add(first);
        }

        if (layout.ReaderHoldsData && records++ < maxRecords)
        {
            add(reader);
        }

        while (records++ < maxRecords && reader.Read())
        {
            add(reader);
        }
    }

    private static void CheckTwoColumns(CsvLayout layout, CsvRecordReader reader, string sourceName)
    {
        if (layout.Names.Length < 2)
        {
            throw new DataFormatException(sourceName, $"the {(layout.HasHeader ? "header" : "first row")} has one column ({MessageText.Quote(layout.Names[0])}) but at least two are needed, a feature and a target; " +
                $"if the file uses another delimiter than '{Show(reader.Delimiter)}', pass --delimiter", 1);
        }
    }

    internal static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

    internal static StreamReader OpenText(Stream stream) =>
        new(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);

    private static string Show(char delimiter) => delimiter == '\t' ? "\\t" : delimiter.ToString();
}
