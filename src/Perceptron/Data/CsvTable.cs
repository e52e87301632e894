using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>
/// Builds a <see cref="TabularDataset"/> from CSV records one at a time: the target and the features, with each feature
/// column profiled (<see cref="ColumnProfile"/>) so that its kind is decided when the whole file has been read.
/// </summary>
/// <remarks>
/// A row whose target is missing is left out and counted. With <see cref="CsvLoadOptions.DropInvalidRows"/>, a row with
/// a missing or invalid feature cell is dropped and counted against each column responsible; without it, missing cells
/// stay NaN (to be imputed) and the first invalid cell is an error. Text in a column that holds mostly numbers is only
/// known to be invalid at the end, so rows keep their line numbers for that message.
/// </remarks>
internal sealed class CsvTable
{
    private readonly string _source;
    private readonly string[] _names;
    private readonly int _target;
    private readonly ColumnProfile[] _columns;
    private readonly CsvLoadOptions _options;
    private readonly CellParser _cells;
    private readonly TargetColumn _targets;
    private readonly RowStore _values;           // rows × columns: numbers, category codes, or NaN
    private readonly List<long> _lines = [];     // the line of each stored row, for messages
    private readonly Dictionary<string, int> _droppedBy = new(StringComparer.Ordinal);
    private readonly CellKind[] _kinds;
    private readonly float[] _row;
    private int _dropped, _withoutTarget, _shortRows, _rowsRead, _hashRows;

    public CsvTable(string source, string[] names, int target, ColumnProfile[] columns, CsvLoadOptions options, CellParser cells, TargetColumn targets)
    {
        (_source, _names, _target, _columns, _options, _cells, _targets) = (source, names, target, columns, options, cells, targets);
        _kinds = new CellKind[columns.Length];
        _row = new float[columns.Length];
        _values = new RowStore(columns.Length);
    }

    /// <summary>Adds one data record.</summary>
    public void Add(ICsvRecord record)
    {
        _rowsRead++;
        _hashRows += _options.Comment is null && record.FieldCount > 0 && record[0].TrimStart().StartsWith('#') ? 1 : 0;
        CheckWidth(record);
        _shortRows += record.FieldCount < _names.Length ? 1 : 0;
        switch (_targets.Check(Field(record, _target), out double value, out string? text, out string? problem))
        {
            case TargetCell.Missing:
                _withoutTarget++;
                return;
            case TargetCell.Fatal:
                throw Error(record, problem!, _target);
            case TargetCell.Invalid when _options.DropInvalidRows:
                Drop(_names[_target]);
                return;
            case TargetCell.Invalid:
                throw Error(record, problem + "; fix the cell or use --drop-invalid-rows", _target);
        }

        if (!ParseFeatures(record))
        {
            return;
        }

        // The row is kept: commit its cells to the profiles (text is interned only now).
        int row = _lines.Count;
        Span<float> values = _values.Append();
        for (int j = 0; j < _columns.Length; j++)
        {
            ColumnProfile column = _columns[j];
            switch (_kinds[j])
            {
                case CellKind.Missing:
                    column.AddMissing();
                    values[j] = float.NaN;
                    break;
                case CellKind.Number when column.Declared != ColumnDeclaration.Categorical:
                    column.AddNumber(_row[j]);
                    values[j] = _row[j];
                    break;
                case var _ when column.Declared == ColumnDeclaration.Categorical:
                    values[j] = column.AddCategory(Field(record, column.FileIndex).Trim());
                    break;
                default:
                    column.AddDeferred(Field(record, column.FileIndex).Trim(), row, invalidNumber: _kinds[j] == CellKind.Invalid);
                    values[j] = float.NaN;
                    break;
            }
        }

        _lines.Add(record.RecordLine);
        _targets.Add(value, text);
        if ((long)_lines.Count * _columns.Length > _options.MaxCells)
        {
            throw Error(record, $"the data exceeds {MessageText.Count(_options.MaxCells)} feature cells, the limit; keep fewer columns (--features, --ignore) or rows");
        }
    }

    /// <summary>Parses the feature cells into <see cref="_kinds"/> and <see cref="_row"/>.</summary>
    /// <returns><see langword="false"/> if the row was dropped.</returns>
    private bool ParseFeatures(ICsvRecord record)
    {
        List<string>? responsible = null;
        for (int j = 0; j < _columns.Length; j++)
        {
            ColumnProfile column = _columns[j];
            ReadOnlySpan<char> cell = Field(record, column.FileIndex);
            _kinds[j] = _cells.Parse(cell, out _row[j], out string? problem);
            bool bad = (_kinds[j] == CellKind.Missing && _options.DropInvalidRows)
                || (column.Declared == ColumnDeclaration.Numeric && _kinds[j] is CellKind.Invalid or CellKind.Text);
            if (!bad)
            {
                continue;
            }

            if (!_options.DropInvalidRows)
            {
                problem ??= $"expected a number, found {MessageText.Quote(cell.Trim())}{DecimalHint(cell)}";
                throw Error(record, problem + "; fix the cell or use --drop-invalid-rows", column.FileIndex);
            }

            (responsible ??= []).Add(column.Name);
        }

        if (responsible is null)
        {
            return true;
        }

        Drop([.. responsible]);
        return false;
    }

    /// <summary>Decides each column's kind, applies the late drops, and builds the dataset.</summary>
    public TabularDataset Finish(CsvLayout layout)
    {
        var notes = new List<string>(layout.Notes);
        CheckRowsLeft(layout);
        CheckDecimalCommas();
        var (kept, droppedColumns) = DecideColumns(notes);
        bool[] keep = DropLateInvalidRows(kept);
        int rows = keep.Count(k => k);
        CheckRowsLeft(layout, rows);

        Matrix<float> features = Assemble(kept, keep, rows);
        if (rows < _lines.Count)
        {
            _targets.Keep(keep);
        }

        AddNotes(notes, layout);
        FeatureColumn[] columns = [.. kept.Select(c => c.Verdict == ColumnVerdict.Numeric ? FeatureColumn.Numeric(c.Profile.Name) : FeatureColumn.Categorical(c.Profile.Name, [.. c.Profile.Categories]))];
        string[] names = [.. columns.Select(c => c.Name)];
        string source = Path.GetFileName(_source);
        var facts = new LoadFacts(notes, _withoutTarget, new Dictionary<string, int>(_droppedBy), droppedColumns);
        if (_targets.Task == TaskKind.Regression)
        {
            return TabularDataset.ForRegression(source, features, names, _names[_target], _targets.Targets(), _dropped, columns).WithFacts(facts);
        }

        (int[] labels, string[] classNames) = _targets.Classes();
        return TabularDataset.ForClassification(source, features, names, _names[_target], labels, classNames, _dropped, columns).WithFacts(facts);
    }

    /// <summary>Fails when no row is left (none read, none with a target, or all dropped), saying which.</summary>
    private void CheckRowsLeft(CsvLayout layout, int? rows = null)
    {
        if ((rows ?? _lines.Count) > 0)
        {
            return;
        }

        string why = _rowsRead == 0 ? (layout.HasHeader ? "the file has a header but no data rows" : "the file has no data rows")
            : _withoutTarget == _rowsRead ? $"the target '{_names[_target]}' is empty or missing in every data row ({_rowsRead}); nothing is left to load"
            : $"all {_rowsRead} data rows were dropped as invalid or without a target ({DroppedText()}{(_withoutTarget > 0 ? $", {Rows(_withoutTarget)} without a target" : "")}); nothing is left to load";
        throw new DataFormatException(_source, why);
    }

    /// <summary>A column of numbers written with a decimal comma is a dialect error, not a text column.</summary>
    private void CheckDecimalCommas()
    {
        foreach (ColumnProfile column in _columns)
        {
            if (column.DecimalCommaColumn(_cells) is (int row, string text))
            {
                throw Error(_lines[row], column.FileIndex, $"the column holds numbers with a decimal comma ({MessageText.Quote(text)}); pass --decimal ',' (and --delimiter if the fields are not separated by ';')");
            }
        }
    }

    private (List<(ColumnProfile Profile, ColumnVerdict Verdict, int Index)> Kept, List<string> Dropped) DecideColumns(List<string> notes)
    {
        var kept = new List<(ColumnProfile, ColumnVerdict, int)>();
        var unusable = new List<(string Name, string Reason)>();
        for (int j = 0; j < _columns.Length; j++)
        {
            ColumnVerdict verdict = _columns[j].Decide(out string? reason);
            if (verdict == ColumnVerdict.Unusable)
            {
                unusable.Add((_columns[j].Name, reason!));
            }
            else
            {
                kept.Add((_columns[j], verdict, j));
            }
        }

        if (unusable.Count == 0)
        {
            return (kept, []);
        }

        string listed = string.Join("; ", unusable.Select(u => $"{MessageText.Quote(u.Name)} ({u.Reason})"));
        if (!_options.AutoColumns)
        {
            string names = string.Join(',', unusable.Select(u => u.Name));
            throw new DataFormatException(_source, $"{(unusable.Count == 1 ? "a column cannot be a feature" : $"{unusable.Count} columns cannot be features")}: {listed}; " +
                $"leave {(unusable.Count == 1 ? "it" : "them")} out with --auto-columns or --ignore {Shell(names)}, or one-hot a text column anyway with --categorical NAME");
        }

        if (kept.Count == 0)
        {
            throw new DataFormatException(_source, $"no column can be a feature: {listed}");
        }

        notes.Add($"left out {(unusable.Count == 1 ? "a column that cannot be a feature" : $"{unusable.Count} columns that cannot be features")} (--auto-columns): {listed}");
        return (kept, [.. unusable.Select(u => u.Name)]);
    }

    /// <summary>Cells deferred in columns that turned out numeric are invalid: the first is an error, or their rows are dropped.</summary>
    private bool[] DropLateInvalidRows(List<(ColumnProfile Profile, ColumnVerdict Verdict, int Index)> kept)
    {
        bool[] keep = new bool[_lines.Count];
        Array.Fill(keep, true);
        (int Row, ColumnProfile Column, int Code)? first = null;
        foreach (var (column, verdict, _) in kept)
        {
            if (verdict != ColumnVerdict.Numeric || column.Deferred.Count == 0)
            {
                continue;
            }

            var (row, code) = column.Deferred[0];
            if (first is null || row < first.Value.Row || (row == first.Value.Row && column.FileIndex < first.Value.Column.FileIndex))
            {
                first = (row, column, code);
            }

            if (_options.DropInvalidRows)
            {
                int newlyDropped = 0;
                foreach (var (r, _) in column.Deferred)
                {
                    newlyDropped += keep[r] ? 1 : 0;
                    keep[r] = false;
                }

                _droppedBy[column.Name] = _droppedBy.GetValueOrDefault(column.Name) + column.Deferred.Count;
                _dropped += newlyDropped;
            }
        }

        if (first is { } bad && !_options.DropInvalidRows)
        {
            string text = bad.Column.Categories[bad.Code];
            string problem = bad.Column.IsInvalidNumber(bad.Code)
                ? (_cells.Parse(text, out _, out string? why) == CellKind.Invalid ? why! : $"{MessageText.Quote(text)} is not a finite number")
                : $"expected a number, found {MessageText.Quote(text)}{DecimalHint(text)} (the column holds numbers in {MessageText.Count(bad.Column.Numbers)} of {MessageText.Count(bad.Column.NonMissing)} rows)";
            string categorical = bad.Column.IsInvalidNumber(bad.Code) ? "" : $", or --categorical {Shell(bad.Column.Name)} if the column holds categories";
            throw Error(_lines[bad.Row], bad.Column.FileIndex, $"{problem}; fix the cell, or use --drop-invalid-rows{categorical}");
        }

        return keep;
    }

    /// <summary>The kept rows and columns as one matrix: numbers, category codes (numbers in a text column become categories), NaN.</summary>
    private Matrix<float> Assemble(List<(ColumnProfile Profile, ColumnVerdict Verdict, int Index)> kept, bool[] keep, int rows)
    {
        int width = _columns.Length;
        if (rows == _lines.Count && kept.Count == width && kept.All(c => !IsTextColumn(c.Profile, c.Verdict)))
        {
            // Every row and column kept as stored (the usual all-numeric file): one copy.
            return new Matrix<float>(rows, width, _values.ToArray());
        }

        var features = new Matrix<float>(rows, kept.Count);
        Span<float> destination = features.AsSpan();
        int[]?[] codes = [.. kept.Select(c => IsTextColumn(c.Profile, c.Verdict) ? DeferredCodes(c.Profile) : null)];

        // Row by row, so that both matrices are read and written in memory order.
        for (int r = 0, target = 0; r < _lines.Count; r++)
        {
            if (!keep[r])
            {
                continue;
            }

            ReadOnlySpan<float> stored = _values.Row(r);
            Span<float> row = destination.Slice(target++ * kept.Count, kept.Count);
            for (int k = 0; k < kept.Count; k++)
            {
                float value = stored[kept[k].Index];
                row[k] = codes[k] is not { } columnCodes ? value
                    : columnCodes[r] >= 0 ? columnCodes[r]
                    : float.IsNaN(value) ? float.NaN
                    : kept[k].Profile.Intern(ColumnProfile.CategoryText(value));
            }
        }

        return features;
    }

    /// <summary>A column found to hold text (not declared categorical): its numbers become categories too.</summary>
    private static bool IsTextColumn(ColumnProfile column, ColumnVerdict verdict) =>
        verdict == ColumnVerdict.Categorical && column.Declared != ColumnDeclaration.Categorical;

    /// <summary>The category code of each row's deferred cell, or −1.</summary>
    private int[] DeferredCodes(ColumnProfile column)
    {
        int[] codes = new int[_lines.Count];
        Array.Fill(codes, -1);
        foreach (var (r, code) in column.Deferred)
        {
            codes[r] = code;
        }

        return codes;
    }

    private void AddNotes(List<string> notes, CsvLayout layout)
    {
        if (_shortRows > 0)
        {
            notes.Add($"{Rows(_shortRows)} had fewer fields than the header; their missing trailing fields were read as empty cells");
        }

        if (_withoutTarget > 0)
        {
            notes.Add($"left out {Rows(_withoutTarget)} whose target '{_names[_target]}' is empty or marked missing");
        }

        if (_hashRows > 0)
        {
            notes.Add($"{Rows(_hashRows)} start with '#'; if {(_hashRows == 1 ? "it is a comment" : "they are comments")}, pass --comment '#'");
        }

        if (_dropped > 0)
        {
            notes.Add($"dropped {Rows(_dropped)} with missing or invalid cells (--drop-invalid-rows): {DroppedText()}");
        }

        if (layout.DeclaredRows is long declared && declared != _rowsRead)
        {
            notes.Add($"the counts line declares {MessageText.Count(declared)} rows but the file holds {MessageText.Count(_rowsRead)}");
        }
    }

    /// <summary>"'b' in 12 rows, 'y' in 1 row", most first.</summary>
    private string DroppedText() => string.Join(", ", _droppedBy.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => $"{MessageText.Quote(p.Key)} in {Rows(p.Value)}"));

    private void Drop(params string[] columns)
    {
        _dropped++;
        foreach (string column in columns)
        {
            _droppedBy[column] = _droppedBy.GetValueOrDefault(column) + 1;
        }
    }

    /// <summary>Rows may be shorter than the header (missing trailing cells); longer only by empty fields (trailing delimiters).</summary>
    private void CheckWidth(ICsvRecord record)
    {
        for (int i = _names.Length; i < record.FieldCount; i++)
        {
            if (!record[i].IsWhiteSpace())
            {
                throw Error(record, $"the row has {record.FieldCount} fields but the header has {_names.Length}; every row needs one field per header column (check the quotes and the delimiter: --quote, --delimiter)");
            }
        }
    }

    private string DecimalHint(ReadOnlySpan<char> cell) =>
        _cells.LooksLikeDecimalComma(cell) ? " (if ',' is the decimal separator, pass --decimal ',')" : "";

    private static ReadOnlySpan<char> Field(ICsvRecord record, int index) => index < record.FieldCount ? record[index] : [];

    private DataFormatException Error(ICsvRecord record, string problem, int? column = null) => Error(record.RecordLine, column, problem);

    private DataFormatException Error(long line, int? column, string problem) =>
        new(_source, problem, line, column, column is int c ? _names[c] : null);

    private static string Rows(int count) => count == 1 ? "1 row" : $"{MessageText.Count(count)} rows";

    /// <summary>A column list as it would be typed on a command line: quoted when it holds spaces or shell characters.</summary>
    internal static string Shell(string text) =>
        text.AsSpan().IndexOfAny(" \t'\"$&|;<>()*?[]#~`\\!{}") >= 0 ? $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'" : text;
}
