using System.Numerics;

namespace Perceptron.Metrics;

/// <summary>Mean absolute error over all outputs, (1/(N·K)) Σ |p − y|.</summary>
public sealed class MeanAbsoluteErrorMetric : Metric
{
    private double _sum;
    private long _count;

    /// <inheritdoc/>
    public override string Name => "mae";

    /// <inheritdoc/>
    public override void Reset() => (_sum, _count) = (0, 0);

    /// <inheritdoc/>
    public override void Update<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, int batch, int outputs, int targetColumns)
    {
        int count = batch * outputs;
        for (int i = 0; i < count; i++)
        {
            _sum += Math.Abs(double.CreateTruncating(predictions[i]) - double.CreateTruncating(targets[i]));
        }

        _count += count;
    }

    /// <inheritdoc/>
    public override double Result => _count == 0 ? double.NaN : _sum / _count;
}
