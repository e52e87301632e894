using System.Numerics;
using Perceptron.Activations;

namespace Perceptron.Layers;

/// <summary>
/// A layer that ends in an activation a loss can absorb (softmax + cross-entropy, sigmoid + binary cross-entropy):
/// when fused, it keeps its pre-activations for the loss and its backward pass starts from their gradient.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IFusableOutput<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The activation the layer ends in.</summary>
    Activation Activation { get; }

    /// <summary>Set by the model when the loss absorbs <see cref="Activation"/>.</summary>
    bool FusedWithLoss { get; set; }

    /// <summary>The last training forward pass's pre-activations, <c>batch × outputs</c>.</summary>
    ReadOnlySpan<T> PreActivations(int batch);
}
