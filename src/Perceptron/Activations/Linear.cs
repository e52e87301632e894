using System.Numerics;

namespace Perceptron.Activations;

/// <summary>The identity activation, a = z.</summary>
public sealed class Linear : Activation
{
    internal Linear()
    {
    }

    /// <inheritdoc/>
    public override string Name => "linear";

    /// <inheritdoc/>
    public override bool BackwardNeedsPreActivation => false;

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int columns) => z.CopyTo(a);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ, int columns) => dA.CopyTo(dZ);
}
