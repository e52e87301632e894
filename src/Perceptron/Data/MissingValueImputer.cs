using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Perceptron.Data;

/// <summary>
/// The first preprocessing step: fills each missing cell (NaN) with a value learned from its column on the training rows,
/// and appends a 0/1 "was missing" column for each feature in <see cref="IndicatorColumns"/>.
/// </summary>
/// <remarks>
/// x′ᵢ = xᵢ when xᵢ is a number, fillᵢ when it is NaN; then, for each indicator column i in order, one more value:
/// 1 if xᵢ was NaN, else 0. A categorical column's fill value is the index of its most frequent category. The fill
/// values are fitted by <see cref="FeaturePipeline.Fit(TabularDataset, PreprocessingOptions?)"/>, saved in the model
/// file (docs/model-format.md, <c>imputation</c>) and applied unchanged at prediction time.
/// </remarks>
public sealed class MissingValueImputer
{
    private readonly float[] _fill;
    private readonly int[] _indicators;

    /// <summary>Creates the step from its fitted values.</summary>
    /// <param name="fillValues">The value that replaces a missing cell, per input column (a category index for a categorical column); finite.</param>
    /// <param name="strategy">How the numeric fill values were chosen (recorded for people reading the model).</param>
    /// <param name="indicatorColumns">Input columns that get an indicator column, ascending and distinct; empty for none.</param>
    /// <exception cref="ArgumentException">No columns, a non-finite fill value, or an indicator column out of range or out of order.</exception>
    public MissingValueImputer(IReadOnlyList<float> fillValues, ImputeStrategy strategy = ImputeStrategy.Median, IReadOnlyList<int>? indicatorColumns = null)
    {
        ArgumentNullException.ThrowIfNull(fillValues);
        _fill = [.. fillValues];
        _indicators = [.. indicatorColumns ?? []];
        int bad = Array.FindIndex(_fill, v => !float.IsFinite(v));
        if (_fill.Length == 0 || bad >= 0)
        {
            throw new ArgumentException(_fill.Length == 0 ? "An imputer needs at least one column." : string.Create(CultureInfo.InvariantCulture, $"The fill value of column {bad} is {_fill[bad]}; fill values must be finite."), nameof(fillValues));
        }

        for (int i = 0; i < _indicators.Length; i++)
        {
            if (_indicators[i] < 0 || _indicators[i] >= _fill.Length || (i > 0 && _indicators[i] <= _indicators[i - 1]))
            {
                throw new ArgumentException($"Indicator column {_indicators[i]} must be a column index in 0..{_fill.Length - 1}, listed once, in ascending order.", nameof(indicatorColumns));
            }
        }

        Strategy = strategy;
    }

    /// <summary>The value that replaces a missing cell, per input column.</summary>
    public IReadOnlyList<float> FillValues => _fill;

    /// <summary>How the numeric fill values were chosen (categories always take the most frequent).</summary>
    public ImputeStrategy Strategy { get; }

    /// <summary>The input columns whose "was missing" 0/1 column is appended, in order.</summary>
    public IReadOnlyList<int> IndicatorColumns => _indicators;

    /// <summary>Columns in: one per raw feature.</summary>
    public int InputWidth => _fill.Length;

    /// <summary>Columns out: the features, then one per indicator column.</summary>
    public int OutputWidth => _fill.Length + _indicators.Length;

    /// <summary>Imputes one row.</summary>
    /// <param name="input">One raw row of <see cref="InputWidth"/> values, NaN where missing.</param>
    /// <param name="output">Receives <see cref="OutputWidth"/> values; may not overlap <paramref name="input"/>.</param>
    public void TransformRow(ReadOnlySpan<float> input, Span<float> output)
    {
        Fill(input[.._fill.Length], output, _fill);

        for (int i = 0; i < _indicators.Length; i++)
        {
            output[_fill.Length + i] = float.IsNaN(input[_indicators[i]]) ? 1f : 0f;
        }
    }

    /// <summary>output[c] = input[c], or fill[c] where input[c] is NaN: a vector at a time (x == x fails only for NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // millions of cells once per run: no time to tier up
    private static void Fill(ReadOnlySpan<float> input, Span<float> output, ReadOnlySpan<float> fill)
    {
        int c = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; c <= input.Length - Vector<float>.Count; c += Vector<float>.Count)
            {
                var value = new Vector<float>(input[c..]);
                Vector.ConditionalSelect(Vector.Equals(value, value), value, new Vector<float>(fill[c..])).CopyTo(output[c..]);
            }
        }

        for (; c < input.Length; c++)
        {
            output[c] = float.IsNaN(input[c]) ? fill[c] : input[c];
        }
    }

    /// <summary>Describes the step, e.g. "MissingValueImputer(5 columns, median, 2 indicators)".</summary>
    /// <returns>The width, strategy and indicator count.</returns>
    public override string ToString() => $"MissingValueImputer({_fill.Length} columns, {Strategy.ToString().ToLowerInvariant()}, {_indicators.Length} indicators)";
}
