using System.Numerics;

namespace Perceptron.Activations;

/// <summary>An element-wise (or, for softmax, row-wise) non-linearity applied after a layer's affine map.</summary>
/// <remarks>
/// Activations are stateless and shared: <see cref="Relu"/> and friends are single instances. They work on
/// batches stored row-major, <c>batch × columns</c>, in float or double.
/// </remarks>
public abstract class Activation
{
    /// <summary>The identity, a = z (for regression outputs and logits).</summary>
    public static Activation Linear { get; } = new Linear();

    /// <summary>The logistic sigmoid, a = 1 / (1 + e^−z).</summary>
    public static Activation Sigmoid { get; } = new Sigmoid();

    /// <summary>The hyperbolic tangent.</summary>
    public static Activation Tanh { get; } = new Tanh();

    /// <summary>The rectifier, a = max(z, 0).</summary>
    public static Activation Relu { get; } = new Relu();

    /// <summary>The leaky rectifier with slope 0.01 below zero (PyTorch's default).</summary>
    public static Activation LeakyRelu { get; } = new LeakyRelu();

    /// <summary>The exponential linear unit with α = 1.</summary>
    public static Activation Elu { get; } = new Elu();

    /// <summary>The Gaussian error linear unit (tanh approximation).</summary>
    public static Activation Gelu { get; } = new Gelu();

    /// <summary>Softmax over each row: a_i = e^{z_i} / Σ_j e^{z_j}.</summary>
    public static Activation Softmax { get; } = new Softmax();

    /// <summary>The activation's name, e.g. "relu" (as used in model files and on the command line).</summary>
    public abstract string Name { get; }

    /// <summary>Computes a = f(z) for a batch.</summary>
    /// <param name="z">Pre-activations, <c>batch × columns</c>.</param>
    /// <param name="a">Destination, same length; may be the same memory as <paramref name="z"/>.</param>
    /// <param name="columns">Row length (softmax normalises each row).</param>
    public abstract void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int columns)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Folds the activation's derivative into the gradient: dZ = dA ⊙ f′(z) (a Jacobian product for softmax).</summary>
    /// <param name="z">The pre-activations of the forward pass.</param>
    /// <param name="a">The forward pass's outputs f(z).</param>
    /// <param name="dA">Gradient of the loss with respect to <paramref name="a"/>.</param>
    /// <param name="dZ">Destination, gradient with respect to <paramref name="z"/>; may be the same memory as <paramref name="dA"/>.</param>
    /// <param name="columns">Row length.</param>
    public abstract void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ, int columns)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Whether <see cref="Backward{T}"/> reads <c>z</c>; when false the layer need not keep the pre-activations.</summary>
    public virtual bool BackwardNeedsPreActivation => true;

    /// <summary>Looks an activation up by <see cref="Name"/> (case-insensitive).</summary>
    /// <param name="name">One of linear, sigmoid, tanh, relu, leaky_relu, elu, gelu, softmax.</param>
    /// <returns>The shared instance.</returns>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Activation FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var activation in All)
        {
            if (string.Equals(activation.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return activation;
            }
        }

        throw new ArgumentException($"Unknown activation '{name}'; expected one of {string.Join(", ", All.Select(a => a.Name))}.", nameof(name));
    }

    /// <summary>Every built-in activation.</summary>
    public static IReadOnlyList<Activation> All { get; } = [Linear, Sigmoid, Tanh, Relu, LeakyRelu, Elu, Gelu, Softmax];

    /// <summary>The activation's name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;
}
