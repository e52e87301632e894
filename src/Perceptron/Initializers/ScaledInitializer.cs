using System.Numerics;

namespace Perceptron.Initializers;

/// <summary>A zero-mean uniform or normal initializer whose scale depends on fan-in and fan-out (Glorot, He, LeCun).</summary>
internal sealed class ScaledInitializer(string name, bool uniform, Func<int, int, double> scale) : Initializer
{
    public override string Name => name;

    public override void Fill<T>(Span<T> weights, int fanIn, int fanOut, Random random)
    {
        // For uniform, scale is the limit l of U(−l, l); for normal, the standard deviation.
        double s = scale(Math.Max(fanIn, 1), Math.Max(fanOut, 1));
        for (int i = 0; i < weights.Length; i++)
        {
            double value = uniform ? (2 * random.NextDouble() - 1) * s : NextGaussian(random) * s;
            weights[i] = T.CreateTruncating(value);
        }
    }
}
