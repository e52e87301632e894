using System.Numerics;
using System.Numerics.Tensors;

namespace Perceptron.Activations;

/// <summary>The hyperbolic tangent, with derivative 1 − a².</summary>
public sealed class Tanh : Activation
{
    internal Tanh()
    {
    }

    /// <inheritdoc/>
    public override string Name => "tanh";

    /// <inheritdoc/>
    public override bool BackwardNeedsPreActivation => false;

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int columns) => TensorPrimitives.Tanh(z, a);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ, int columns)
    {
        for (int i = 0; i < dZ.Length; i++)
        {
            dZ[i] = dA[i] * (T.One - a[i] * a[i]);
        }
    }
}
