using System.Numerics;

namespace Perceptron.Activations;

/// <summary>The leaky rectifier: a = z for z &gt; 0, else α·z, with α = 0.01 (PyTorch's default).</summary>
public sealed class LeakyRelu : Activation
{
    /// <summary>The slope below zero.</summary>
    public const double Alpha = 0.01;

    internal LeakyRelu()
    {
    }

    /// <inheritdoc/>
    public override string Name => "leaky_relu";

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int columns)
    {
        T alpha = T.CreateTruncating(Alpha);
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = z[i] > T.Zero ? z[i] : alpha * z[i];
        }
    }

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ, int columns)
    {
        T alpha = T.CreateTruncating(Alpha);
        for (int i = 0; i < dZ.Length; i++)
        {
            dZ[i] = z[i] > T.Zero ? dA[i] : alpha * dA[i];
        }
    }
}
