using System.Globalization;

namespace Perceptron.Data;

/// <summary>
/// Reads one CSV record at a time into a raw feature row (numbers, category indices, NaN for missing cells) and its
/// target, in a schema settled beforehand: the streaming counterpart of <see cref="CsvTable"/>, which stores the rows.
/// </summary>
/// <remarks>
/// While <see cref="Growing"/> (the statistics pass), a category or class met for the first time is added; afterwards
/// an unknown category reads as the category count (the "other" input, as at prediction), and an unknown class is an
/// error (the file changed between passes). Errors name the file, the line and the column.
/// </remarks>
internal sealed class StreamingRowParser
{
    /// <summary>Most distinct categories a categorical column may hold in the whole file (memory stays bounded).</summary>
    public const int MaxCategories = 100_000;

    /// <summary>Most distinct classes a classification target may hold.</summary>
    public const int MaxClasses = 10_000;

    private readonly string _source;
    private readonly string[] _names;
    private readonly CellParser _cells;
    private readonly int[] _fileIndex;
    private readonly int _target;
    private readonly bool[] _numbersAsText;
    private readonly Dictionary<string, int>?[] _categories;
    private readonly List<string>?[] _categoryNames;
    private readonly TargetColumn _targetCheck;
    private readonly TaskKind _task;
    private readonly int _schemaRows;
    private readonly Dictionary<string, int> _classes = new(StringComparer.Ordinal);
    private readonly List<(string Name, double Value)> _classNames = [];

    /// <param name="stream">The open file; its header names the columns.</param>
    /// <param name="columns">The features (kinds and any categories known so far).</param>
    /// <param name="declaredCategorical">Columns the user declared categorical: their cells are categories as written.</param>
    /// <param name="targetName">The target column's name.</param>
    /// <param name="task">The task, settled from the first rows.</param>
    /// <param name="classNames">Known classes in label order, or null to collect them while <see cref="Growing"/>.</param>
    /// <param name="schemaRows">How many first rows settled the kinds, for messages.</param>
    public StreamingRowParser(CsvRowStream stream, IReadOnlyList<FeatureColumn> columns, IReadOnlySet<string> declaredCategorical, string targetName, TaskKind task,
        IReadOnlyList<string>? classNames, int schemaRows)
    {
        (_source, _names, _cells, _task, _schemaRows) = (stream.Source, stream.Layout.Names, stream.Cells, task, schemaRows);
        _fileIndex = [.. columns.Select(c => IndexOf(c.Name))];
        _target = IndexOf(targetName);
        _numbersAsText = [.. columns.Select(c => !declaredCategorical.Contains(c.Name))];
        _categories = [.. columns.Select(c => c.Kind == ColumnKind.Categorical
            ? c.Categories.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal) : null)];
        _categoryNames = [.. columns.Select(c => c.Kind == ColumnKind.Categorical ? new List<string>(c.Categories) : null)];
        _targetCheck = new TargetColumn(task, _cells);
        foreach (string name in classNames ?? [])
        {
            _classes[name] = _classNames.Count;
            _classNames.Add((name, 0));
        }
    }

    /// <summary>Whether unseen categories and classes are added (the statistics pass) rather than read as unknown.</summary>
    public bool Growing { get; init; }

    /// <summary>Records with fewer fields than the header (their missing trailing fields read as empty cells).</summary>
    public long ShortRows { get; private set; }

    /// <summary>Whether a class label was text (classes are then ordered by text, not by number).</summary>
    public bool AnyTextLabel { get; private set; }

    /// <summary>The categories of categorical column <paramref name="column"/>, by index (in order of first sight when growing).</summary>
    public IReadOnlyList<string> CategoriesOf(int column) => _categoryNames[column] ?? [];

    /// <summary>The classes in the loader's order: by text when any label is text, else by value (as <see cref="TargetColumn"/>).</summary>
    /// <returns>The sorted names and, for each label seen, its index among them.</returns>
    public (string[] Names, int[] Remap) SortedClasses()
    {
        int[] order = AnyTextLabel
            ? [.. Enumerable.Range(0, _classNames.Count).OrderBy(i => _classNames[i].Name, StringComparer.Ordinal)]
            : [.. Enumerable.Range(0, _classNames.Count).OrderBy(i => _classNames[i].Value)];
        int[] remap = new int[order.Length];
        for (int k = 0; k < order.Length; k++)
        {
            remap[order[k]] = k;
        }

        return ([.. order.Select(i => _classNames[i].Name)], remap);
    }

    /// <summary>Reads a record into <paramref name="raw"/> (one value per feature) and its target.</summary>
    /// <param name="record">The data record.</param>
    /// <param name="raw">Receives the raw features.</param>
    /// <param name="target">The class index (in this parser's class order) or the target value.</param>
    /// <returns><see langword="false"/> when the target cell is missing (the row is left out).</returns>
    /// <exception cref="DataFormatException">A cell cannot be read, naming the line and column.</exception>
    public bool Parse(ICsvRecord record, Span<float> raw, out float target)
    {
        target = float.NaN;
        for (int i = _names.Length; i < record.FieldCount; i++)
        {
            if (!record[i].IsWhiteSpace())
            {
                throw Error(record.RecordLine, null, $"the row has {record.FieldCount} fields but the header has {_names.Length}; every row needs one field per header column (check the quotes and the delimiter: --quote, --delimiter)");
            }
        }

        ShortRows += record.FieldCount < _names.Length ? 1 : 0;
        switch (_targetCheck.Check(Field(record, _target), out double value, out string? text, out string? problem))
        {
            case TargetCell.Missing:
                return false;
            case TargetCell.Invalid or TargetCell.Fatal:
                string hint = _task == TaskKind.Classification && problem!.Contains("whole number", StringComparison.Ordinal)
                    ? $" (the first {MessageText.Count(_schemaRows)} rows held only whole numbers, so it was read as classes)" : "";
                throw Error(record.RecordLine, _target, problem + hint);
        }

        target = _task == TaskKind.Regression ? (float)value : ClassIndex(record, text, value == 0 ? 0 : value);
        for (int j = 0; j < _fileIndex.Length; j++)
        {
            int index = _fileIndex[j];
            ReadOnlySpan<char> cell = Field(record, index);
            CellKind kind = _cells.Parse(cell, out float number, out problem);
            if (kind == CellKind.Missing)
            {
                raw[j] = float.NaN;
            }
            else if (_categories[j] is null)
            {
                raw[j] = kind == CellKind.Number ? number
                    : throw Error(record.RecordLine, index, (problem ?? $"expected a number, found {MessageText.Quote(cell.Trim())}") +
                        $" (the first {MessageText.Count(_schemaRows)} rows held numbers in this column); fix the cell, or --categorical {CsvTable.Shell(_names[index])} if the column holds categories");
            }
            else
            {
                raw[j] = Category(j, kind == CellKind.Number && _numbersAsText[j] ? ColumnProfile.CategoryText(number) : cell.Trim(), record.RecordLine, index);
            }
        }

        return true;
    }

    private float Category(int column, ReadOnlySpan<char> text, long line, int fileIndex)
    {
        var lookup = _categories[column]!.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out int index))
        {
            return index;
        }

        List<string> names = _categoryNames[column]!;
        if (!Growing)
        {
            return names.Count;
        }

        if (names.Count == MaxCategories)
        {
            throw Error(line, fileIndex, $"the column has more than {MessageText.Count(MaxCategories)} distinct values, too many to be categories; leave it out with --ignore {CsvTable.Shell(_names[fileIndex])}");
        }

        string name = text.ToString();
        _categories[column]![name] = names.Count;
        names.Add(name);
        return names.Count - 1;
    }

    private float ClassIndex(ICsvRecord record, string? text, double value)
    {
        string name = text ?? value.ToString("R", CultureInfo.InvariantCulture);
        if (_classes.TryGetValue(name, out int index))
        {
            return index;
        }

        if (!Growing)
        {
            throw Error(record.RecordLine, _target, $"the class {MessageText.Quote(name)} was not in the file on the first pass; was the file changed while training?");
        }

        if (_classNames.Count == MaxClasses)
        {
            throw Error(record.RecordLine, _target, $"the target has more than {MessageText.Count(MaxClasses)} classes; if it is a measurement, pass --task regression");
        }

        AnyTextLabel |= text is not null;
        _classes[name] = _classNames.Count;
        _classNames.Add((name, value));
        return _classNames.Count - 1;
    }

    private int IndexOf(string name)
    {
        int index = Array.IndexOf(_names, name);
        return index >= 0 ? index : throw new DataFormatException(_source, $"the column '{name}' is not in the file's header any more; was the file changed while training?");
    }

    private static ReadOnlySpan<char> Field(ICsvRecord record, int index) => index < record.FieldCount ? record[index] : [];

    private DataFormatException Error(long line, int? column, string problem) =>
        new(_source, problem, line, column, column is int c ? _names[c] : null);
}
