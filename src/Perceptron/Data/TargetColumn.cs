using System.Globalization;

namespace Perceptron.Data;

/// <summary>What <see cref="TargetColumn.Check"/> found in a target cell.</summary>
internal enum TargetCell
{
    /// <summary>A usable value.</summary>
    Valid,

    /// <summary>Empty or a missing-value marker: the row is left out and counted.</summary>
    Missing,

    /// <summary>Not usable (not finite, out of range, text for regression): an error, or a dropped row with --drop-invalid-rows.</summary>
    Invalid,

    /// <summary>Wrong for the task as a whole (a fractional class label): always an error.</summary>
    Fatal,
}

/// <summary>Collects a CSV target column row by row, then decides the task and builds labels or targets.</summary>
/// <remarks>
/// Inference, when no task is forced: any non-numeric value means classification (string labels). An all-numeric
/// column is classification when every value is an integer and there are at most <see cref="MaxInferredClasses"/>
/// distinct values and at least <see cref="MinRowsPerClass"/> rows per distinct value on average (2 distinct values
/// always qualify, so a small 0/1 file is binary classification); otherwise regression.
/// </remarks>
internal sealed class TargetColumn(TaskKind? forcedTask, CellParser cells)
{
    /// <summary>More distinct integers than this look like a count or a measurement, not classes.</summary>
    public const int MaxInferredClasses = 20;

    /// <summary>Rows per distinct value needed to call integers classes (20 rows each means ≤ 5% of rows distinct).</summary>
    public const int MinRowsPerClass = 20;

    private List<double> _values = [];      // the number, or NaN for a text label
    private List<string?> _texts = [];       // the label text, or null for a number
    private bool _anyText;

    /// <summary>Names for the labels 0…k−1 (a counts line's); when the labels fit them, the task is classification.</summary>
    public IReadOnlyList<string>? GivenClassNames { get; set; }

    /// <summary>Number of values stored.</summary>
    public int Count => _values.Count;

    /// <summary>Checks one target cell without storing it.</summary>
    /// <param name="cell">The cell's text.</param>
    /// <param name="value">The number, or NaN for a text label.</param>
    /// <param name="text">The label text, or null for a number.</param>
    /// <param name="problem">For invalid and fatal cells, what is wrong.</param>
    public TargetCell Check(ReadOnlySpan<char> cell, out double value, out string? text, out string? problem)
    {
        text = null;
        switch (cells.ParseDouble(cell, out value, out problem))
        {
            case CellKind.Missing:
                return TargetCell.Missing;
            case CellKind.Invalid:
                return TargetCell.Invalid;
            case CellKind.Number when !float.IsFinite((float)value):
                problem = $"{MessageText.Quote(cell.Trim())} is outside the float range (about ±3.4e38)";
                return TargetCell.Invalid;
            case CellKind.Number when forcedTask == TaskKind.Classification && value != Math.Floor(value):
                problem = $"{MessageText.Quote(cell.Trim())} is not a whole number, but a classification target holds class labels (whole numbers or text); " +
                    "use --task regression if the target is a measurement";
                return TargetCell.Fatal;
            case CellKind.Number:
                return TargetCell.Valid;
        }

        if (forcedTask == TaskKind.Regression)
        {
            problem = $"expected a number for a regression target, found {MessageText.Quote(cell.Trim())}";
            return TargetCell.Invalid;
        }

        value = double.NaN;
        text = cell.Trim().ToString();
        return TargetCell.Valid;
    }

    /// <summary>Stores a value that <see cref="Check"/> accepted.</summary>
    public void Add(double value, string? text)
    {
        _values.Add(value == 0 ? 0 : value); // −0 and 0 are one class
        _texts.Add(text);
        _anyText |= text is not null;
    }

    /// <summary>Keeps only the rows whose <paramref name="keep"/> flag is set (rows dropped after the whole file was read).</summary>
    public void Keep(IReadOnlyList<bool> keep)
    {
        _values = [.. _values.Where((_, i) => keep[i])];
        _texts = [.. _texts.Where((_, i) => keep[i])];
        _anyText = _texts.Any(t => t is not null);
    }

    /// <summary>The task: the forced one, or the inferred one.</summary>
    public TaskKind Task => forcedTask ?? (_anyText || GivenNamesFit || LooksLikeClasses() ? TaskKind.Classification : TaskKind.Regression);

    private bool GivenNamesFit => GivenClassNames is { } names && FitsClassNames(names);

    /// <summary>The regression targets as floats.</summary>
    public float[] Targets()
    {
        float[] targets = new float[_values.Count];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = (float)_values[i];
        }

        return targets;
    }

    /// <summary>Whether the labels are the whole numbers 0…<paramref name="names"/>.Count−1, so a counts line's names can name them.</summary>
    private bool FitsClassNames(IReadOnlyList<string> names) =>
        !_anyText && _values.All(v => v >= 0 && v < names.Count && v == Math.Floor(v));

    /// <summary>The class of each row and the class names: <see cref="GivenClassNames"/> for labels 0…k−1, else sorted numerically for
    /// numbers and in ordinal order for text.</summary>
    public (int[] Labels, string[] ClassNames) Classes()
    {
        if (GivenNamesFit)
        {
            return ([.. _values.Select(v => (int)v)], [.. GivenClassNames!]);
        }

        if (!_anyText)
        {
            // Numbers only: index by value (distinct doubles have distinct round-trip texts, so this is the same mapping
            // as by text below, without formatting every row).
            double[] distinct = [.. _values.Distinct().Order()];
            var byValue = new Dictionary<double, int>(distinct.Length);
            for (int c = 0; c < distinct.Length; c++)
            {
                byValue[distinct[c]] = c;
            }

            return ([.. _values.Select(v => byValue[v])], [.. distinct.Select(v => v.ToString("R", CultureInfo.InvariantCulture))]);
        }

        string[] names = new string[_values.Count];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = _texts[i] ?? _values[i].ToString("R", CultureInfo.InvariantCulture);
        }

        string[] classNames = [.. names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < classNames.Length; c++)
        {
            index[classNames[c]] = c;
        }

        return ([.. names.Select(name => index[name])], classNames);
    }

    private bool LooksLikeClasses()
    {
        var distinct = new HashSet<double>();
        foreach (double v in _values)
        {
            if (v != Math.Floor(v) || (distinct.Add(v) && distinct.Count > MaxInferredClasses))
            {
                return false;
            }
        }

        return distinct.Count <= 2 || distinct.Count * MinRowsPerClass <= _values.Count;
    }
}
