using System.Numerics;

namespace Perceptron.Losses;

/// <summary>Mean absolute error: L = (1/(N·K)) Σ |p − y|; ∂L/∂p = sign(p − y)/(N·K) (0 where p = y).</summary>
public sealed class MeanAbsoluteError : Loss
{
    /// <inheritdoc/>
    public override string Name => "mae";

    /// <inheritdoc/>
    public override double Compute<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputs)
    {
        int count = batch * outputs;
        double sum = 0;
        T scale = T.CreateTruncating(1.0 / count);
        bool wantGradient = !gradient.IsEmpty;
        for (int i = 0; i < count; i++)
        {
            T difference = predictions[i] - targets[i];
            sum += double.CreateTruncating(T.Abs(difference));
            if (wantGradient)
            {
                gradient[i] = scale * T.CreateTruncating(T.Sign(difference));
            }
        }

        return sum / count;
    }
}
