using System.Numerics;
using System.Numerics.Tensors;

namespace Perceptron.Activations;

/// <summary>The logistic sigmoid, a = 1 / (1 + e^−z), with derivative a(1 − a).</summary>
public sealed class Sigmoid : Activation
{
    internal Sigmoid()
    {
    }

    /// <inheritdoc/>
    public override string Name => "sigmoid";

    /// <inheritdoc/>
    public override bool BackwardNeedsPreActivation => false;

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int columns) => TensorPrimitives.Sigmoid(z, a);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ, int columns)
    {
        for (int i = 0; i < dZ.Length; i++)
        {
            dZ[i] = dA[i] * a[i] * (T.One - a[i]);
        }
    }
}
