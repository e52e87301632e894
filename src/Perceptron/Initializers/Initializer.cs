using System.Numerics;

namespace Perceptron.Initializers;

/// <summary>Chooses a layer's starting weights from its fan-in and fan-out, using a seeded <see cref="Random"/>.</summary>
public abstract class Initializer
{
    /// <summary>Glorot (Xavier) uniform: U(−l, l) with l = √(6 / (fanIn + fanOut)); the default for Dense.</summary>
    public static Initializer GlorotUniform { get; } = new ScaledInitializer("glorot_uniform", uniform: true, (fanIn, fanOut) => Math.Sqrt(6.0 / (fanIn + fanOut)));

    /// <summary>Glorot (Xavier) normal: N(0, σ²) with σ = √(2 / (fanIn + fanOut)).</summary>
    public static Initializer GlorotNormal { get; } = new ScaledInitializer("glorot_normal", uniform: false, (fanIn, fanOut) => Math.Sqrt(2.0 / (fanIn + fanOut)));

    /// <summary>He (Kaiming) uniform: U(−l, l) with l = √(6 / fanIn); suits ReLU layers.</summary>
    public static Initializer HeUniform { get; } = new ScaledInitializer("he_uniform", uniform: true, (fanIn, _) => Math.Sqrt(6.0 / fanIn));

    /// <summary>He (Kaiming) normal: N(0, σ²) with σ = √(2 / fanIn); suits ReLU layers.</summary>
    public static Initializer HeNormal { get; } = new ScaledInitializer("he_normal", uniform: false, (fanIn, _) => Math.Sqrt(2.0 / fanIn));

    /// <summary>LeCun uniform: U(−l, l) with l = √(3 / fanIn).</summary>
    public static Initializer LeCunUniform { get; } = new ScaledInitializer("lecun_uniform", uniform: true, (fanIn, _) => Math.Sqrt(3.0 / fanIn));

    /// <summary>LeCun normal: N(0, σ²) with σ = √(1 / fanIn); suits SELU/tanh layers.</summary>
    public static Initializer LeCunNormal { get; } = new ScaledInitializer("lecun_normal", uniform: false, (fanIn, _) => Math.Sqrt(1.0 / fanIn));

    /// <summary>Uniform in [0, 1), as the educational original's <c>np.random.rand</c>.</summary>
    public static Initializer Uniform01 { get; } = new Uniform01();

    /// <summary>All zeros (the default for biases).</summary>
    public static Initializer Zeros { get; } = new Zeros();

    /// <summary>Every built-in initializer.</summary>
    public static IReadOnlyList<Initializer> All { get; } = [GlorotUniform, GlorotNormal, HeUniform, HeNormal, LeCunUniform, LeCunNormal, Uniform01, Zeros];

    /// <summary>The initializer's name, e.g. "he_normal".</summary>
    public abstract string Name { get; }

    /// <summary>Fills <paramref name="weights"/> with starting values.</summary>
    /// <param name="weights">The weights to fill, row-major <c>fanIn × fanOut</c> (or a bias of length fanOut).</param>
    /// <param name="fanIn">Inputs to the layer.</param>
    /// <param name="fanOut">Units in the layer.</param>
    /// <param name="random">The seeded source of randomness; values are drawn in order, so a seed fixes the result.</param>
    public abstract void Fill<T>(Span<T> weights, int fanIn, int fanOut, Random random)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Looks an initializer up by <see cref="Name"/> (case-insensitive).</summary>
    /// <param name="name">The name, e.g. "glorot_uniform".</param>
    /// <returns>The shared instance.</returns>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Initializer FromName(string name) =>
        All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown initializer '{name}'; expected one of {string.Join(", ", All.Select(i => i.Name))}.", nameof(name));

    /// <summary>The initializer's name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;

    /// <summary>A standard normal sample by the Box–Muller transform (one of the pair is used, for simplicity).</summary>
    private protected static double NextGaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(); // in (0, 1], so the log is finite
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
