namespace Perceptron.Classic;

/// <summary>One layer's results from a verbose <see cref="MultilayerPerceptron.BackPropagate"/>.</summary>
/// <param name="layer">Index i of the weight matrix <c>W[i]</c> these derivatives belong to.</param>
/// <param name="derivatives">The derivatives <c>a[i]ᵀ·δ</c>, shaped as <c>W[i]</c>; the live array, valid until the next backward pass.</param>
/// <param name="delta">The layer's δ (also its bias derivatives); the live array.</param>
/// <param name="propagatedError">The error passed down to layer i, <c>δ·W[i]ᵀ</c>; the live array (empty when not given).</param>
public sealed class DerivativesEventArgs(int layer, double[,] derivatives, double[] delta, double[]? propagatedError = null) : EventArgs
{
    /// <summary>Index i of the weight matrix <c>W[i]</c> these derivatives belong to.</summary>
    public int Layer { get; } = layer;

    /// <summary>The derivatives <c>a[i]ᵀ·δ</c>, shaped as <c>W[i]</c>.</summary>
    public double[,] Derivatives { get; } = derivatives;

    /// <summary>The layer's δ = error ⊙ a(1 − a), which is also its bias derivative.</summary>
    public IReadOnlyList<double> Delta { get; } = delta;

    /// <summary>The error passed down to the layer below, <c>δ·W[i]ᵀ</c> (for layer 0, the error at the input).</summary>
    public IReadOnlyList<double> PropagatedError { get; } = propagatedError ?? [];
}
