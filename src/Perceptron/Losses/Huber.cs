using System.Globalization;
using System.Numerics;

namespace Perceptron.Losses;

/// <summary>
/// Huber loss: quadratic near zero, linear beyond δ. Per element, with d = p − y:
/// ½d² if |d| ≤ δ, else δ(|d| − ½δ); averaged over all elements. Gradient d, or δ·sign(d), over N·K.
/// </summary>
/// <param name="delta">The threshold δ &gt; 0 between the quadratic and linear parts; 1 by default (as PyTorch and Keras).</param>
public sealed class Huber(double delta = 1.0) : Loss
{
    /// <summary>The threshold δ.</summary>
    public double Delta { get; } = delta > 0 && double.IsFinite(delta)
        ? delta
        : throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber's delta must be a finite number greater than 0.");

    /// <inheritdoc/>
    public override string Name => "huber";

    /// <inheritdoc/>
    public override double Compute<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputs)
    {
        int count = batch * outputs;
        double sum = 0;
        T delta = T.CreateTruncating(Delta), half = T.CreateTruncating(0.5), scale = T.CreateTruncating(1.0 / count);
        bool wantGradient = !gradient.IsEmpty;
        for (int i = 0; i < count; i++)
        {
            T d = predictions[i] - targets[i];
            T magnitude = T.Abs(d);
            bool quadratic = magnitude <= delta;
            sum += double.CreateTruncating(quadratic ? half * d * d : delta * (magnitude - half * delta));
            if (wantGradient)
            {
                gradient[i] = scale * (quadratic ? d : delta * T.CreateTruncating(T.Sign(d)));
            }
        }

        return sum / count;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"huber(delta={Delta})");
}
