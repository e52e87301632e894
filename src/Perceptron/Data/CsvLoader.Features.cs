using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>Loading features only, in a model's schema, for prediction.</summary>
public static partial class CsvLoader
{
    /// <summary>Most unknown categories remembered per column for messages.</summary>
    private const int MaxUnseenExamples = 5;

    /// <summary>Loads the rows of a CSV file to predict: the schema's columns, matched by name and in the schema's order.</summary>
    /// <param name="path">The CSV file (gzip-compressed or not); it must hold every schema column, in any order, and may hold others.</param>
    /// <param name="columns">The model's features: names, kinds and the categories it knows.</param>
    /// <param name="options">Dialect and limits; <see cref="CsvLoadOptions.Ignore"/> names columns to skip without a mention
    /// (such as the target). The target, task and column-selection settings are not used.</param>
    /// <param name="keep">Columns to copy as text into <see cref="FeatureRows.KeptValues"/> (by name or 0-based index).</param>
    /// <returns>The rows; missing cells are NaN and unknown categories are counted, never an error.</returns>
    /// <exception cref="DataFormatException">A schema column is missing, or a numeric cell is not a number (naming the line and column).</exception>
    /// <exception cref="ArgumentException">Bad options, or <see cref="CsvLoadOptions.DropInvalidRows"/>: every row needs a prediction.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static FeatureRows LoadFeatures(string path, IReadOnlyList<FeatureColumn> columns, CsvLoadOptions? options = null, IReadOnlyList<string>? keep = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = OpenFile(path);
        return LoadFeatures(stream, path, columns, options, keep);
    }

    /// <summary>Loads the rows to predict from a stream.</summary>
    /// <param name="stream">The CSV bytes; read to the end and left open.</param>
    /// <param name="sourceName">The name used in messages.</param>
    /// <param name="columns">As for <see cref="LoadFeatures(string, IReadOnlyList{FeatureColumn}, CsvLoadOptions?, IReadOnlyList{string}?)"/>.</param>
    /// <param name="options">Dialect and limits.</param>
    /// <param name="keep">Columns to copy as text.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="DataFormatException">A schema column is missing or a numeric cell is invalid.</exception>
    /// <exception cref="ArgumentException">Bad options or schema.</exception>
    public static FeatureRows LoadFeatures(Stream stream, string sourceName, IReadOnlyList<FeatureColumn> columns, CsvLoadOptions? options = null, IReadOnlyList<string>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        ArgumentNullException.ThrowIfNull(columns);
        options ??= CsvLoadOptions.Default;
        options.Validate();
        if (options.DropInvalidRows)
        {
            throw new ArgumentException("Rows cannot be dropped when reading rows to predict: every row needs a prediction, so fix or remove bad rows first.", nameof(options));
        }

        var duplicate = columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The feature name '{duplicate.Key}' is given twice; the model's feature names must be unique.", nameof(columns));
        }

        return Read(stream, sourceName, options, (reader, cells) =>
        {
            var layout = CsvLayout.Read(reader, options, cells, sourceName);
            var rows = new PredictionRows(sourceName, layout.Names, columns, options, keep ?? [], cells);
            ForEachDataRecord(reader, layout, rows.Add);
            return rows.Finish(layout.Notes);
        });
    }

    /// <summary>Reads the rows to predict in chunks of <paramref name="chunkRows"/>, handing each to <paramref name="chunk"/>
    /// as it fills: memory holds one chunk, whatever the file's size.</summary>
    /// <returns>What a user should hear about the whole file (its <see cref="FeatureRows.Features"/> hold no rows).</returns>
    internal static FeatureRows StreamFeatures(string path, IReadOnlyList<FeatureColumn> columns, CsvLoadOptions options, IReadOnlyList<string> keep, int chunkRows, Action<FeatureRows> chunk)
    {
        options.Validate();
        using FileStream stream = OpenFile(path);
        return Read(stream, path, options, (reader, cells) =>
        {
            var layout = CsvLayout.Read(reader, options, cells, path);
            var rows = new PredictionRows(path, layout.Names, columns, options, keep, cells) { ChunkRows = chunkRows, Chunk = chunk };
            ForEachDataRecord(reader, layout, rows.Add);
            return rows.Finish(layout.Notes);
        });
    }

    /// <summary>Collects rows to predict in a schema: numbers checked, categories looked up, kept columns copied.</summary>
    private sealed class PredictionRows
    {
        private int _totalRows, _missingCells;
        private readonly string _source;
        private readonly string[] _names;
        private readonly IReadOnlyList<FeatureColumn> _columns;
        private readonly int[] _fileIndex;
        private readonly int[] _kept;
        private readonly string[] _extra;
        private readonly CellParser _cells;
        private readonly long _maxCells;
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>?[] _categories;
        private readonly List<float> _values = [];
        private readonly List<string[]> _keptValues = [];
        private readonly Dictionary<string, int> _unseen = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _unseenExamples = new(StringComparer.Ordinal);
        private int _rows, _shortRows;

        public PredictionRows(string source, string[] names, IReadOnlyList<FeatureColumn> columns, CsvLoadOptions options, IReadOnlyList<string> keep, CellParser cells)
        {
            (_source, _names, _columns, _cells, _maxCells) = (source, names, columns, cells, options.MaxCells);
            _fileIndex = [.. columns.Select(c => Array.IndexOf(names, c.Name))];
            string[] missing = [.. columns.Where((_, j) => _fileIndex[j] < 0).Select(c => c.Name)];
            if (missing.Length > 0)
            {
                throw new DataFormatException(source, $"the model's feature{(missing.Length == 1 ? "" : "s")} {ListNames(missing)} {(missing.Length == 1 ? "is" : "are")} not in the file; its columns are {ListNames(names)}{Closest(missing[0], names)}");
            }

            _kept = [.. keep.Select(k => Array.IndexOf(names, k) is int i and >= 0 ? i
                : int.TryParse(k, out int n) && n >= 0 && n < names.Length ? n
                : throw new DataFormatException(source, $"--keep names '{k}', which is not a column of the file; its columns are {ListNames(names)}{Closest(k, names)}"))];
            var used = new HashSet<int>(_fileIndex.Concat(_kept));
            var ignored = new HashSet<string>(options.Ignore, StringComparer.Ordinal);
            _extra = [.. names.Where((name, i) => !used.Contains(i) && !ignored.Contains(name))];
            _categories = [.. columns.Select(c => c.Kind == ColumnKind.Categorical
                ? (Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>?)c.Categories.Select((name, index) => (name, index))
                    .ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>()
                : null)];
        }

        /// <summary>When set, full chunks of this many rows go to <see cref="Chunk"/> instead of being kept.</summary>
        public int ChunkRows { get; init; }

        public Action<FeatureRows>? Chunk { get; init; }

        public void Add(ICsvRecord record)
        {
            for (int i = _names.Length; i < record.FieldCount; i++)
            {
                if (!record[i].IsWhiteSpace())
                {
                    throw new DataFormatException(_source, $"the row has {record.FieldCount} fields but the header has {_names.Length}; every row needs one field per header column (check the quotes and the delimiter: --quote, --delimiter)", record.RecordLine);
                }
            }

            _shortRows += record.FieldCount < _names.Length ? 1 : 0;
            for (int j = 0; j < _columns.Count; j++)
            {
                int index = _fileIndex[j];
                ReadOnlySpan<char> cell = index < record.FieldCount ? record[index] : [];
                CellKind kind = _cells.Parse(cell, out float value, out string? problem);
                if (kind == CellKind.Missing || _categories[j] is null)
                {
                    if (kind is CellKind.Invalid or CellKind.Text)
                    {
                        problem ??= $"expected a number, found {MessageText.Quote(cell.Trim())}";
                        throw new DataFormatException(_source, problem + " (the model reads this column as numbers); fix the cell or leave it empty to impute it", record.RecordLine, index, _names[index]);
                    }

                    _values.Add(value);
                    continue;
                }

                _values.Add(Category(j, cell.Trim(), kind == CellKind.Number ? value : float.NaN));
            }

            _keptValues.Add([.. _kept.Select(k => k < record.FieldCount ? record[k].ToString() : "")]);
            _rows++;
            _totalRows++;
            if (Chunk is not null)
            {
                if (_rows == ChunkRows)
                {
                    Flush();
                }

                return;
            }

            if ((long)_rows * _columns.Count > _maxCells)
            {
                throw new DataFormatException(_source, $"the data exceeds {MessageText.Count(_maxCells)} feature cells, the limit; predict on smaller files", record.RecordLine);
            }
        }

        /// <summary>The category's index: by its text, or for a number by its shortest text ("1.0" is category "1"); unknown is Count.</summary>
        private float Category(int column, ReadOnlySpan<char> text, float number)
        {
            var lookup = _categories[column]!.Value;
            if (lookup.TryGetValue(text, out int index) || (float.IsFinite(number) && lookup.TryGetValue(ColumnProfile.CategoryText(number), out index)))
            {
                return index;
            }

            string name = _columns[column].Name;
            _unseen[name] = _unseen.GetValueOrDefault(name) + 1;
            List<string> examples = _unseenExamples.TryGetValue(name, out var list) ? list : _unseenExamples[name] = [];
            string shown = text.ToString();
            if (examples.Count < MaxUnseenExamples && !examples.Contains(shown))
            {
                examples.Add(shown);
            }

            return _columns[column].Categories.Count;
        }

        private List<string> Notes(IReadOnlyList<string> layoutNotes)
        {
            var notes = new List<string>(layoutNotes);
            if (_shortRows > 0)
            {
                notes.Add($"{MessageText.Count(_shortRows)} row{(_shortRows == 1 ? "" : "s")} had fewer fields than the header; their missing trailing fields were read as empty cells");
            }

            return notes;
        }

        /// <summary>Hands the rows collected so far to <see cref="Chunk"/> and forgets them.</summary>
        private void Flush()
        {
            var features = new Matrix<float>(_rows, _columns.Count, [.. _values]);
            _missingCells += features.Data.Count(float.IsNaN);
            Chunk!(new FeatureRows(features, _columns, _extra, [.. _kept.Select(k => _names[k])], [.. _keptValues], _unseen, new Dictionary<string, IReadOnlyList<string>>(), []));
            _values.Clear();
            _keptValues.Clear();
            _rows = 0;
        }

        public FeatureRows Finish(IReadOnlyList<string> layoutNotes)
        {
            if (Chunk is not null && _totalRows > 0)
            {
                if (_rows > 0)
                {
                    Flush();
                }

                return new FeatureRows(new Matrix<float>(0, _columns.Count), _columns, _extra, [.. _kept.Select(k => _names[k])], [], _unseen,
                    _unseenExamples.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value), Notes(layoutNotes))
                { StreamedRows = _totalRows, StreamedMissingCells = _missingCells };
            }

            if (_rows == 0)
            {
                throw new DataFormatException(_source, "the file has no data rows to predict");
            }

            List<string> notes = Notes(layoutNotes);
            var features = new Matrix<float>(_rows, _columns.Count, [.. _values]);
            return new FeatureRows(features, _columns, _extra, [.. _kept.Select(k => _names[k])], _keptValues, _unseen,
                _unseenExamples.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value), notes);
        }
    }
}
