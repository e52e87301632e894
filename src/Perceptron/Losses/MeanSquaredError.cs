using System.Numerics;

namespace Perceptron.Losses;

/// <summary>Mean squared error: L = (1/(N·K)) Σ (p − y)² over N rows and K outputs; ∂L/∂p = 2(p − y)/(N·K).</summary>
public sealed class MeanSquaredError : Loss
{
    /// <inheritdoc/>
    public override string Name => "mse";

    /// <inheritdoc/>
    public override double Compute<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputs)
    {
        int count = batch * outputs;
        double sum = 0;
        T scale = T.CreateTruncating(2.0 / count);
        bool wantGradient = !gradient.IsEmpty;
        for (int i = 0; i < count; i++)
        {
            T difference = predictions[i] - targets[i];
            sum += double.CreateTruncating(difference * difference);
            if (wantGradient)
            {
                gradient[i] = scale * difference;
            }
        }

        return sum / count;
    }
}
