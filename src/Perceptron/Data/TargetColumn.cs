using System.Globalization;

namespace Perceptron.Data;

/// <summary>Collects a CSV target column row by row, then decides the task and builds labels or targets.</summary>
/// <remarks>
/// Inference, when no task is forced: any non-numeric value means classification (string labels). An all-numeric
/// column is classification when every value is an integer and there are at most <see cref="MaxInferredClasses"/>
/// distinct values and at least <see cref="MinRowsPerClass"/> rows per distinct value on average (2 distinct values
/// always qualify, so a small 0/1 file is binary classification); otherwise regression.
/// </remarks>
internal sealed class TargetColumn(TaskKind? forcedTask)
{
    /// <summary>More distinct integers than this look like a count or a measurement, not classes.</summary>
    public const int MaxInferredClasses = 20;

    /// <summary>Rows per distinct value needed to call integers classes (20 rows each means ≤ 5% of rows distinct).</summary>
    public const int MinRowsPerClass = 20;

    private readonly List<double> _values = [];      // the number, or NaN for a text label
    private readonly List<string?> _texts = [];       // the label text, or null for a number
    private bool _anyText;

    /// <summary>Checks one target cell without storing it.</summary>
    /// <returns><see langword="null"/> if valid; otherwise the problem.</returns>
    public string? Check(ReadOnlySpan<char> cell, out double value, out string? text)
    {
        text = null;
        value = 0;
        cell = cell.Trim();
        if (cell.IsEmpty)
        {
            return "missing target value (empty cell)";
        }

        if (NumberCell.TryParseDouble(cell, out value, out string? problem))
        {
            return float.IsFinite((float)value) ? null : $"{MessageText.Quote(cell)} is outside the float range (about ±3.4e38)";
        }

        // NaN or ∞ text is a missing target, never a class name.
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return problem;
        }

        if (forcedTask == TaskKind.Regression)
        {
            return $"expected a number for a regression target, found {MessageText.Quote(cell)}";
        }

        value = double.NaN;
        text = cell.ToString();
        return null;
    }

    /// <summary>Stores a value that <see cref="Check"/> accepted.</summary>
    public void Add(double value, string? text)
    {
        _values.Add(value == 0 ? 0 : value); // −0 and 0 are one class
        _texts.Add(text);
        _anyText |= text is not null;
    }

    /// <summary>The task: the forced one, or the inferred one.</summary>
    public TaskKind Task => forcedTask ?? (_anyText || LooksLikeClasses() ? TaskKind.Classification : TaskKind.Regression);

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

    /// <summary>The class of each row and the class names: sorted numerically for numbers, else in ordinal order.</summary>
    public (int[] Labels, string[] ClassNames) Classes()
    {
        string[] names = new string[_values.Count];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = _texts[i] ?? _values[i].ToString("R", CultureInfo.InvariantCulture);
        }

        string[] classNames;
        if (_anyText)
        {
            classNames = [.. names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }
        else
        {
            classNames = [.. _values.Distinct().Order().Select(v => v.ToString("R", CultureInfo.InvariantCulture))];
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < classNames.Length; c++)
        {
            index[classNames[c]] = c;
        }

        int[] labels = new int[names.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = index[names[i]];
        }

        return (labels, classNames);
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
