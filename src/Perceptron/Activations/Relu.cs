using System.Numerics;
using System.Numerics.Tensors;

namespace Perceptron.Activations;

/// <summary>The rectifier, a = max(z, 0); its derivative is 1 where z &gt; 0 and 0 elsewhere (0 at z = 0, as in PyTorch).</summary>
public sealed class Relu : Activation
{
    internal Relu()
    {
    }

    /// <inheritdoc/>
    public override string Name => "relu";

    /// <inheritdoc/>
    public override bool BackwardNeedsPreActivation => false;

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int columns) => TensorPrimitives.Max(z, T.Zero, a);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ, int columns)
    {
        // a > 0 exactly where z > 0, so the output serves as the mask and z need not be kept.
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= dZ.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var mask = Vector.GreaterThan(new Vector<T>(a[i..]), Vector<T>.Zero);
                Vector.ConditionalSelect(mask, new Vector<T>(dA[i..]), Vector<T>.Zero).CopyTo(dZ[i..]);
            }
        }

        for (; i < dZ.Length; i++)
        {
            dZ[i] = a[i] > T.Zero ? dA[i] : T.Zero;
        }
    }
}
