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

        _minimums = [.. minimums];
        _maximums = [.. maximums];
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

        _minimums = minimums;
        _maximums = maximums;
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
        for (int c = 0; c < row.Length; c++)
        {
            // In double: max − min of two large floats can overflow float.
            double range = (double)_maximums![c] - _minimums![c];
            row[c] = (float)((row[c] - (double)_minimums[c]) / (range == 0 ? 1 : range));
        }
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
