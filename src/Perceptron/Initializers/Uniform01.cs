using System.Numerics;

namespace Perceptron.Initializers;

/// <summary>Uniform in [0, 1), the educational original's initialisation.</summary>
public sealed class Uniform01 : Initializer
{
    internal Uniform01()
    {
    }

    /// <inheritdoc/>
    public override string Name => "uniform01";

    /// <inheritdoc/>
    public override void Fill<T>(Span<T> weights, int fanIn, int fanOut, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = T.CreateTruncating(random.NextDouble());
        }
    }
}
