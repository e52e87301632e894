using System.Numerics;

namespace Perceptron.Initializers;

/// <summary>All zeros.</summary>
public sealed class Zeros : Initializer
{
    internal Zeros()
    {
    }

    /// <inheritdoc/>
    public override string Name => "zeros";

    /// <inheritdoc/>
    public override void Fill<T>(Span<T> weights, int fanIn, int fanOut, Random random) => weights.Clear();
}
