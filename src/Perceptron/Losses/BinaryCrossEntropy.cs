using System.Numerics;
using Perceptron.Activations;

namespace Perceptron.Losses;

/// <summary>
/// Binary cross-entropy computed from logits, stably: per element, with logit z and target y ∈ [0, 1],
/// ℓ = max(z, 0) − z·y + log(1 + e^−|z|); averaged over all elements. Gradient (σ(z) − y)/(N·K).
/// </summary>
/// <remarks>
/// Fused with a <see cref="Sigmoid"/> output layer: the engine passes that layer's pre-activations, so the
/// model still predicts probabilities while the loss never takes the log of a rounded 0 or 1. With a linear
/// output layer the outputs are the logits themselves (Keras <c>from_logits=True</c>).
/// </remarks>
public sealed class BinaryCrossEntropy : Loss
{
    /// <inheritdoc/>
    public override string Name => "binary_crossentropy";

    /// <inheritdoc/>
    public override Activation? FusedActivation => Activation.Sigmoid;

    /// <inheritdoc/>
    public override double Compute<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputs)
    {
        int count = batch * outputs;
        double sum = 0;
        T scale = T.CreateTruncating(1.0 / count);
        bool wantGradient = !gradient.IsEmpty;
        for (int i = 0; i < count; i++)
        {
            T z = predictions[i], y = targets[i];
            sum += double.CreateTruncating(T.Max(z, T.Zero) - z * y + T.LogP1(T.Exp(-T.Abs(z))));
            if (wantGradient)
            {
                T probability = T.One / (T.One + T.Exp(-z));
                gradient[i] = scale * (probability - y);
            }
        }

        return sum / count;
    }

    /// <inheritdoc/>
    public override void ValidateTargets<T>(ReadOnlySpan<T> targets, int outputs)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            if (!(targets[i] >= T.Zero && targets[i] <= T.One))
            {
                throw new ArgumentException($"Binary cross-entropy needs targets in [0, 1]; row {i / outputs} has {targets[i]}.", nameof(targets));
            }
        }
    }
}
