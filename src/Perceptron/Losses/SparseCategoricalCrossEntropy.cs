using System.Numerics;
using System.Numerics.Tensors;
using Perceptron.Activations;

namespace Perceptron.Losses;

/// <summary>
/// Categorical cross-entropy with class-index targets (one column holding 0 … K−1), fused with softmax:
/// per row ℓ = logsumexp(z) − z_y; gradient (softmax(z) − onehot(y))/N.
/// </summary>
public sealed class SparseCategoricalCrossEntropy : Loss
{
    /// <inheritdoc/>
    public override string Name => "sparse_categorical_crossentropy";

    /// <inheritdoc/>
    public override Activation? FusedActivation => Activation.Softmax;

    /// <inheritdoc/>
    public override int TargetColumns(int outputs) => 1;

    /// <inheritdoc/>
    public override double Compute<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputs)
    {
        double sum = 0;
        T scale = T.CreateTruncating(1.0 / batch);
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<T> z = predictions.Slice(row * outputs, outputs);
            int label = int.CreateTruncating(targets[row]);
            T max = TensorPrimitives.Max(z);
            T logSumExp = max + T.Log(CategoricalCrossEntropy.SumExpShifted(z, max));
            sum += double.CreateTruncating(logSumExp - z[label]);
            if (!gradient.IsEmpty)
            {
                Span<T> g = gradient.Slice(row * outputs, outputs);
                for (int k = 0; k < outputs; k++)
                {
                    g[k] = scale * T.Exp(z[k] - logSumExp);
                }

                g[label] -= scale;
            }
        }

        return sum / batch;
    }

    /// <inheritdoc/>
    public override void ValidateTargets<T>(ReadOnlySpan<T> targets, int outputs)
    {
        for (int row = 0; row < targets.Length; row++)
        {
            T value = targets[row];
            if (!(value >= T.Zero && value < T.CreateTruncating(outputs) && T.IsInteger(value)))
            {
                throw new ArgumentException($"Sparse categorical cross-entropy needs class indices 0…{outputs - 1}; row {row} has {value}.", nameof(targets));
            }
        }
    }
}
