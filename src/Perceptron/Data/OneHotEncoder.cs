namespace Perceptron.Data;

/// <summary>
/// The second preprocessing step: each categorical column becomes one 0/1 column per known category (plus an "other"
/// column when the categories were capped), in place; numeric columns pass through.
/// </summary>
/// <remarks>
/// For a categorical column with categories c₀…c_{k−1}, a cell holding index i (0 ≤ i &lt; k) becomes k values with a 1 at i;
/// any other value (an unknown category, <c>k</c> by convention, or a leftover NaN) becomes a 1 in the "other" column, or all
/// zeros without one. The categories are fitted by <see cref="FeaturePipeline.Fit(TabularDataset, PreprocessingOptions?)"/>
/// (the most frequent, up to <see cref="PreprocessingOptions.MaxCategories"/>) and saved in the model file (docs/model-format.md, <c>one_hot</c>).
/// </remarks>
public sealed class OneHotEncoder
{
    private readonly OneHotColumn?[] _byInput;

    /// <summary>Creates the step.</summary>
    /// <param name="inputWidth">Columns in (the raw features, then any imputer indicator columns).</param>
    /// <param name="columns">The categorical columns, each at a distinct index below <paramref name="inputWidth"/>.</param>
    /// <exception cref="ArgumentException">An index out of range or repeated, a column with no output, or a repeated category.</exception>
    public OneHotEncoder(int inputWidth, IReadOnlyList<OneHotColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputWidth, 1);
        _byInput = new OneHotColumn?[inputWidth];
        foreach (OneHotColumn column in columns)
        {
            if (column.Index < 0 || column.Index >= inputWidth || _byInput[column.Index] is not null)
            {
                throw new ArgumentException($"Categorical column index {column.Index} must be in 0..{inputWidth - 1} and listed once.", nameof(columns));
            }

            if (column.Width == 0 || column.Categories.Distinct(StringComparer.Ordinal).Count() != column.Categories.Count)
            {
                throw new ArgumentException($"Categorical column {column.Index} needs at least one category or an 'other' column, and each category once.", nameof(columns));
            }

            _byInput[column.Index] = column;
        }

        Columns = [.. columns.OrderBy(c => c.Index)];
        InputWidth = inputWidth;
        OutputWidth = _byInput.Sum(c => c?.Width ?? 1);
    }

    /// <summary>The categorical columns, by index.</summary>
    public IReadOnlyList<OneHotColumn> Columns { get; }

    /// <summary>Columns in.</summary>
    public int InputWidth { get; }

    /// <summary>Columns out: each numeric column once, each categorical column's <see cref="OneHotColumn.Width"/>.</summary>
    public int OutputWidth { get; }

    /// <summary>The categorical column at input index <paramref name="index"/>, or null for a numeric one.</summary>
    /// <param name="index">An input column index.</param>
    /// <returns>The column's encoding, or null.</returns>
    public OneHotColumn? ColumnAt(int index) => _byInput[index];

    /// <summary>Encodes one row.</summary>
    /// <param name="input">One row of <see cref="InputWidth"/> values.</param>
    /// <param name="output">Receives <see cref="OutputWidth"/> values; may not overlap <paramref name="input"/>.</param>
    public void TransformRow(ReadOnlySpan<float> input, Span<float> output)
    {
        int o = 0;
        for (int c = 0; c < _byInput.Length; c++)
        {
            if (_byInput[c] is not { } column)
            {
                output[o++] = input[c];
                continue;
            }

            Span<float> block = output.Slice(o, column.Width);
            block.Clear();
            float code = input[c];
            int k = column.Categories.Count;
            if (code >= 0 && code < k && code == MathF.Floor(code))
            {
                block[(int)code] = 1f;
            }
            else if (column.HasOther)
            {
                block[k] = 1f;
            }

            o += column.Width;
        }
    }

    /// <summary>Describes the step, e.g. "OneHotEncoder(2 categorical columns, 7 → 16 columns)".</summary>
    /// <returns>The column counts.</returns>
    public override string ToString() => $"OneHotEncoder({Columns.Count} categorical columns, {InputWidth} → {OutputWidth} columns)";
}
