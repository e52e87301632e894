using System.Numerics;
using System.Runtime.CompilerServices;
using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>Rescales each column to [0, 1]: x' = (x − min) / (max − min), with min and max from the training data.</summary>
/// <remarks>
/// A constant column (max = min) uses a range of 1, so it maps to 0. Values outside the fitted range (in test data)
/// map outside [0, 1]; they are not clipped. Transform propagates NaN; Fit rejects it.
/// </remarks>
public sealed class MinMaxScaler : IFeatureScaler
{
    private float[]? _minimums;
    private float[]? _maximums;
    private double[]? _offsets;  // the minimums in double
    private double[]? _divisors; // max − min in double (1 for a constant column)

    /// <summary>Creates an unfitted scaler.</summary>
    public MinMaxScaler()
    {
    }

    /// <summary>Creates a fitted scaler from saved parameters.</summary>
    /// <param name="minimums">The minimum of each column.</param>
    /// <param name="maximums">The maximum of each column, each ≥ its minimum.</param>
    /// <exception cref="ArgumentException">The lists are empty, differ in length, hold a non-finite value, or a maximum is below its minimum.</exception>
    public MinMaxScaler(IReadOnlyList<float> minimums, IReadOnlyList<float> maximums)
    {
        ScalerChecks.Parameters(minimums, nameof(minimums), maximums, nameof(maximums));
        for (int c = 0; c < minimums.Count; c++)
        {
            if (maximums[c] < minimums[c])
            {
                throw new ArgumentException($"Column {c} has maximum {maximums[c]} below minimum {minimums[c]}; each maximum must be ≥ its minimum.", nameof(maximums));
            }
        }

        SetParameters([.. minimums], [.. maximums]);
    }

    /// <inheritdoc/>
    public bool IsFitted => _minimums is not null;

    /// <inheritdoc/>
    public int Columns => _minimums?.Length ?? 0;

    /// <summary>The fitted minimum of each column.</summary>
    /// <exception cref="InvalidOperationException">The scaler is not fitted.</exception>
    public IReadOnlyList<float> Minimums => _minimums ?? throw NotFitted();

    /// <summary>The fitted maximum of each column.</summary>
    /// <exception cref="InvalidOperationException">The scaler is not fitted.</exception>
    public IReadOnlyList<float> Maximums => _maximums ?? throw NotFitted();

    /// <inheritdoc/>
    public void Fit(Matrix<float> features)
    {
        ScalerChecks.FitInput(features, nameof(MinMaxScaler));
        float[] minimums = features.Row(0).ToArray(), maximums = features.Row(0).ToArray();
        for (int r = 1; r < features.Rows; r++)
        {
            Span<float> row = features.Row(r);
            for (int c = 0; c < row.Length; c++)
            {
                minimums[c] = Math.Min(minimums[c], row[c]);
                maximums[c] = Math.Max(maximums[c], row[c]);
            }
        }

        SetParameters(minimums, maximums);
    }

    /// <inheritdoc/>
    public void TransformInPlace(Matrix<float> features)
    {
        ScalerChecks.TransformInput(features, Columns, IsFitted, nameof(MinMaxScaler));
        for (int r = 0; r < features.Rows; r++)
        {
            TransformRow(features.Row(r));
        }
    }

    /// <inheritdoc/>
    public void TransformRow(Span<float> row)
    {
        ScalerChecks.TransformRow(row.Length, Columns, IsFitted, nameof(MinMaxScaler));
        Scale(row, _offsets, _divisors);
    }

    /// <summary>row[c] = (row[c] − min[c]) / (max[c] − min[c]) in double, rounded to float: a vector at a time (the widening
    /// and the rounding are exact and per element, so each value equals the scalar tail's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // millions of cells once per run: no time to tier up
    private static void Scale(Span<float> row, ReadOnlySpan<double> offsets, ReadOnlySpan<double> divisors)
    {
        int c = 0, half = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            for (; c <= row.Length - Vector<float>.Count; c += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(row[c..]), out Vector<double> low, out Vector<double> high);
                low = (low - new Vector<double>(offsets[c..])) / new Vector<double>(divisors[c..]);
                high = (high - new Vector<double>(offsets[(c + half)..])) / new Vector<double>(divisors[(c + half)..]);
                Vector.Narrow(low, high).CopyTo(row[c..]);
            }
        }

        for (; c < row.Length; c++)
        {
            row[c] = (float)((row[c] - offsets[c]) / divisors[c]);
        }
    }

    private void SetParameters(float[] minimums, float[] maximums)
    {
        (_minimums, _maximums) = (minimums, maximums);
        _offsets = [.. minimums.Select(v => (double)v)];

        // In double: max − min of two large floats can overflow float.
        _divisors = [.. minimums.Select((min, c) => (double)maximums[c] - min is var range && range != 0 ? range : 1)];
    }

    /// <inheritdoc/>
    public Matrix<float> Transform(Matrix<float> features)
    {
        ScalerChecks.TransformInput(features, Columns, IsFitted, nameof(MinMaxScaler));
        Matrix<float> result = features.Clone();
        TransformInPlace(result);
        return result;
    }

    /// <inheritdoc/>
    public Matrix<float> FitTransform(Matrix<float> features)
    {
        Fit(features);
        return Transform(features);
    }

    /// <summary>Describes the scaler, e.g. "MinMaxScaler(4 columns)".</summary>
    /// <returns>The type and column count, or "unfitted".</returns>
    public override string ToString() => IsFitted ? $"MinMaxScaler({Columns} columns)" : "MinMaxScaler(unfitted)";

    private static InvalidOperationException NotFitted() =>
        new("The MinMaxScaler is not fitted; call Fit on the training features first, or build it from saved parameters.");
}
