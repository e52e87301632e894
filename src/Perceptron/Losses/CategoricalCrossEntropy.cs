using System.Numerics;
using System.Numerics.Tensors;
using Perceptron.Activations;

namespace Perceptron.Losses;

/// <summary>
/// Categorical cross-entropy from logits, fused with softmax: per row, ℓ = −Σ_k y_k·log softmax(z)_k, computed as
/// Σ_k y_k·(logsumexp(z) − z_k); averaged over rows. Gradient (softmax(z)·Σy − y)/N, which is (p − y)/N for one-hot y.
/// </summary>
/// <remarks>Targets are one-hot (or any distribution) rows; see <see cref="SparseCategoricalCrossEntropy"/> for class indices.</remarks>
public sealed class CategoricalCrossEntropy : Loss
{
    /// <inheritdoc/>
    public override string Name => "categorical_crossentropy";

    /// <inheritdoc/>
    public override Activation? FusedActivation => Activation.Softmax;

    /// <inheritdoc/>
    public override double Compute<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputs)
    {
        double sum = 0;
        T scale = T.CreateTruncating(1.0 / batch);
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<T> z = predictions.Slice(row * outputs, outputs);
            ReadOnlySpan<T> y = targets.Slice(row * outputs, outputs);
            T max = TensorPrimitives.Max(z);
            T logSumExp = max + T.Log(SumExpShifted(z, max));
            T targetMass = T.Zero;
            for (int k = 0; k < outputs; k++)
            {
                sum += double.CreateTruncating(y[k] * (logSumExp - z[k]));
                targetMass += y[k];
            }

            if (!gradient.IsEmpty)
            {
                Span<T> g = gradient.Slice(row * outputs, outputs);
                for (int k = 0; k < outputs; k++)
                {
                    g[k] = scale * (T.Exp(z[k] - logSumExp) * targetMass - y[k]);
                }
            }
        }

        return sum / batch;
    }

    /// <inheritdoc/>
    public override void ValidateTargets<T>(ReadOnlySpan<T> targets, int outputs)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            if (!(targets[i] >= T.Zero && targets[i] <= T.One))
            {
                throw new ArgumentException($"Categorical cross-entropy needs one-hot targets in [0, 1]; row {i / outputs}, column {i % outputs} has {targets[i]}.", nameof(targets));
            }
        }
    }

    /// <summary>Σ_k e^{z_k − max}, each term ≤ 1 so nothing overflows.</summary>
    internal static T SumExpShifted<T>(ReadOnlySpan<T> z, T max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int k = 0; k < z.Length; k++)
        {
            sum += T.Exp(z[k] - max);
        }

        return sum;
    }
}
