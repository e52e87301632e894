using System.Numerics;

namespace Perceptron.Metrics;

/// <summary>Fraction of outputs on the same side of <see cref="Threshold"/> as their 0/1 targets (every output counts).</summary>
/// <param name="threshold">The decision threshold: 0.5 for probabilities (sigmoid outputs), 0 for logits.</param>
public sealed class BinaryAccuracy(double threshold = 0.5) : Metric
{
    private long _correct, _total;

    /// <summary>The decision threshold.</summary>
    public double Threshold { get; } = threshold;

    /// <inheritdoc/>
    public override string Name => "binary_accuracy";

    /// <inheritdoc/>
    public override void Reset() => (_correct, _total) = (0, 0);

    /// <inheritdoc/>
    public override void Update<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, int batch, int outputs, int targetColumns)
    {
        T threshold = T.CreateTruncating(Threshold), half = T.CreateTruncating(0.5);
        int count = batch * outputs;
        for (int i = 0; i < count; i++)
        {
            _correct += predictions[i] > threshold == targets[i] > half ? 1 : 0;
        }

        _total += count;
    }

    /// <inheritdoc/>
    public override double Result => _total == 0 ? double.NaN : (double)_correct / _total;
}
