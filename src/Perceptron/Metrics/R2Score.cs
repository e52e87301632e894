using System.Numerics;

namespace Perceptron.Metrics;

/// <summary>
/// The coefficient of determination R² = 1 − Σ(y − p)² / Σ(y − ȳ)², per output, averaged uniformly over outputs
/// (scikit-learn's <c>r2_score</c> default). 1 is perfect; 0 is no better than predicting the mean.
/// </summary>
public sealed class R2Score : Metric
{
    private double[] _sum = [], _sumOfSquares = [], _residual = [];
    private long _count;

    /// <inheritdoc/>
    public override string Name => "r2";

    /// <inheritdoc/>
    public override void Reset()
    {
        Array.Clear(_sum);
        Array.Clear(_sumOfSquares);
        Array.Clear(_residual);
        _count = 0;
    }

    /// <inheritdoc/>
    public override void Update<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, int batch, int outputs, int targetColumns)
    {
        if (_sum.Length != outputs)
        {
            (_sum, _sumOfSquares, _residual, _count) = (new double[outputs], new double[outputs], new double[outputs], 0);
        }

        for (int row = 0; row < batch; row++)
        {
            for (int k = 0; k < outputs; k++)
            {
                double y = double.CreateTruncating(targets[row * outputs + k]);
                double p = double.CreateTruncating(predictions[row * outputs + k]);
                _sum[k] += y;
                _sumOfSquares[k] += y * y;
                _residual[k] += (y - p) * (y - p);
            }
        }

        _count += batch;
    }

    /// <inheritdoc/>
    public override double Result
    {
        get
        {
            if (_count == 0)
            {
                return double.NaN;
            }

            double total = 0;
            for (int k = 0; k < _sum.Length; k++)
            {
                double variation = _sumOfSquares[k] - _sum[k] * _sum[k] / _count;
                // A constant target: perfect predictions score 1, anything else 0 (scikit-learn's convention).
                total += variation > 0 ? 1 - _residual[k] / variation : _residual[k] == 0 ? 1 : 0;
            }

            return total / _sum.Length;
        }
    }
}
