using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>Standardizes each column to zero mean and unit variance: x' = (x − mean) / std.</summary>
/// <remarks>
/// Fit computes, in double, each column's mean and population standard deviation (divisor n, as scikit-learn).
/// A constant column (all values equal) gets std 1, so it maps to 0 instead of dividing by zero.
/// Transform propagates NaN; Fit rejects it.
/// </remarks>
/// <example><code>
/// var scaler = new StandardScaler();
/// Matrix&lt;float&gt; train = scaler.FitTransform(split.Train.Features);
/// Matrix&lt;float&gt; test = scaler.Transform(split.Test.Features);
/// var restored = new StandardScaler(scaler.Means, scaler.StandardDeviations); // from a saved model
/// </code></example>
public sealed class StandardScaler : IFeatureScaler
{
    private float[]? _means;
    private float[]? _deviations;

    /// <summary>Creates an unfitted scaler.</summary>
    public StandardScaler()
    {
    }

    /// <summary>Creates a fitted scaler from saved parameters.</summary>
    /// <param name="means">The mean of each column.</param>
    /// <param name="standardDeviations">The standard deviation of each column, each &gt; 0.</param>
    /// <exception cref="ArgumentException">The lists are empty, differ in length, or hold a non-finite or non-positive deviation.</exception>
    public StandardScaler(IReadOnlyList<float> means, IReadOnlyList<float> standardDeviations)
    {
        ScalerChecks.Parameters(means, nameof(means), standardDeviations, nameof(standardDeviations));
        int bad = standardDeviations.ToList().FindIndex(s => s <= 0);
        if (bad >= 0)
        {
            throw new ArgumentException($"standardDeviations[{bad}] is {standardDeviations[bad]}; each must be > 0.", nameof(standardDeviations));
        }

        _means = [.. means];
        _deviations = [.. standardDeviations];
    }

    /// <inheritdoc/>
    public bool IsFitted => _means is not null;

    /// <inheritdoc/>
    public int Columns => _means?.Length ?? 0;

    /// <summary>The fitted mean of each column.</summary>
    /// <exception cref="InvalidOperationException">The scaler is not fitted.</exception>
    public IReadOnlyList<float> Means => _means ?? throw NotFitted();

    /// <summary>The fitted standard deviation of each column (1 for constant columns).</summary>
    /// <exception cref="InvalidOperationException">The scaler is not fitted.</exception>
    public IReadOnlyList<float> StandardDeviations => _deviations ?? throw NotFitted();

    /// <inheritdoc/>
    public void Fit(Matrix<float> features)
    {
        ScalerChecks.FitInput(features, nameof(StandardScaler));
        int rows = features.Rows, columns = features.Columns;
        float[] means = new float[columns], deviations = new float[columns];
        for (int c = 0; c < columns; c++)
        {
            // Two passes in double: the mean, then the squared deviations from it (stable, unlike Σx² − n·mean²).
            double sum = 0;
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            for (int r = 0; r < rows; r++)
            {
                float x = features.Data[r * columns + c];
                sum += x;
                min = Math.Min(min, x);
                max = Math.Max(max, x);
            }

            double mean = sum / rows, squares = 0;
            for (int r = 0; r < rows; r++)
            {
                double d = features.Data[r * columns + c] - mean;
                squares += d * d;
            }

            means[c] = (float)mean;
            deviations[c] = min == max ? 1f : (float)Math.Sqrt(squares / rows);
        }

        _means = means;
        _deviations = deviations;
    }

    /// <inheritdoc/>
    public void TransformInPlace(Matrix<float> features)
    {
        ScalerChecks.TransformInput(features, Columns, IsFitted, nameof(StandardScaler));
        for (int r = 0; r < features.Rows; r++)
        {
            TransformRow(features.Row(r));
        }
    }

    /// <inheritdoc/>
    public void TransformRow(Span<float> row)
    {
        ScalerChecks.TransformRow(row.Length, Columns, IsFitted, nameof(StandardScaler));
        for (int c = 0; c < row.Length; c++)
        {
            row[c] = (row[c] - _means![c]) / _deviations![c];
        }
    }

    /// <inheritdoc/>
    public Matrix<float> Transform(Matrix<float> features)
    {
        ScalerChecks.TransformInput(features, Columns, IsFitted, nameof(StandardScaler));
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

    /// <summary>Undoes the transform: x = x' · std + mean, as a new matrix (for example to report regression targets in their units).</summary>
    /// <param name="scaled">Scaled values with <see cref="Columns"/> columns.</param>
    /// <returns>A new matrix in the original units.</returns>
    /// <exception cref="InvalidOperationException">The scaler is not fitted.</exception>
    /// <exception cref="ArgumentException">The column count differs from the fitted one.</exception>
    public Matrix<float> InverseTransform(Matrix<float> scaled)
    {
        ScalerChecks.TransformInput(scaled, Columns, IsFitted, nameof(StandardScaler));
        Matrix<float> result = scaled.Clone();
        for (int i = 0; i < result.Data.Length; i++)
        {
            int c = i % Columns;
            result.Data[i] = result.Data[i] * _deviations![c] + _means![c];
        }

        return result;
    }

    /// <summary>Describes the scaler, e.g. "StandardScaler(4 columns)".</summary>
    /// <returns>The type and column count, or "unfitted".</returns>
    public override string ToString() => IsFitted ? $"StandardScaler({Columns} columns)" : "StandardScaler(unfitted)";

    private static InvalidOperationException NotFitted() =>
        new("The StandardScaler is not fitted; call Fit on the training features first, or build it from saved parameters.");
}
