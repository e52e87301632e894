using System.Numerics;

namespace Perceptron.Activations;

/// <summary>The exponential linear unit: a = z for z &gt; 0, else α(e^z − 1), with α = 1; derivative 1 or a + α.</summary>
public sealed class Elu : Activation
{
    /// <summary>The saturation value −α for large negative inputs.</summary>
    public const double Alpha = 1.0;

    internal Elu()
    {
    }

    /// <inheritdoc/>
    public override string Name => "elu";

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int columns)
    {
        T alpha = T.CreateTruncating(Alpha);
        for (int i = 0; i < a.Length; i++)
        {
            // ExpM1 keeps precision for small |z|, where e^z − 1 would cancel.
            a[i] = z[i] > T.Zero ? z[i] : alpha * T.ExpM1(z[i]);
        }
    }

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ, int columns)
    {
        T alpha = T.CreateTruncating(Alpha);
        for (int i = 0; i < dZ.Length; i++)
        {
            dZ[i] = z[i] > T.Zero ? dA[i] : dA[i] * (a[i] + alpha);
        }
    }
}
