using System.Numerics;

namespace Perceptron.Metrics;

/// <summary>
/// Fraction of rows classified correctly: the predicted class is the largest output, the true class the largest
/// target (one-hot) or the target itself (one column of class indices). With a single output it is binary accuracy.
/// </summary>
public sealed class Accuracy : Metric
{
    private long _correct, _total;

    /// <inheritdoc/>
    public override string Name => "accuracy";

    /// <inheritdoc/>
    public override void Reset() => (_correct, _total) = (0, 0);

    /// <inheritdoc/>
    public override void Update<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, int batch, int outputs, int targetColumns)
    {
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<T> p = predictions.Slice(row * outputs, outputs);
            ReadOnlySpan<T> t = targets.Slice(row * targetColumns, targetColumns);
            bool correct = outputs == 1
                ? p[0] >= T.CreateTruncating(0.5) == t[0] >= T.CreateTruncating(0.5)
                : ArgMax(p) == (targetColumns == 1 ? int.CreateTruncating(t[0]) : ArgMax(t));
            _correct += correct ? 1 : 0;
        }

        _total += batch;
    }

    /// <inheritdoc/>
    public override double Result => _total == 0 ? double.NaN : (double)_correct / _total;
}
