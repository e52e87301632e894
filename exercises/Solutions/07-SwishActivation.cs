using Perceptron.Activations;

namespace Perceptron.Exercises;

/// <summary>Exercise 7: Swish, f(z) = z·σ(z) (reference answer).</summary>
public sealed class SwishActivation : Activation
{
    /// <inheritdoc/>
    public override string Name => "swish";

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int columns)
    {
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = z[i] * Logistic(z[i]);
        }
    }

    /// <summary>f′(z) = σ(z) + z·σ(z)(1 − σ(z)).</summary>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ, int columns)
    {
        for (int i = 0; i < dZ.Length; i++)
        {
            T s = Logistic(z[i]);
            dZ[i] = dA[i] * (s + (z[i] * s * (T.One - s)));
        }
    }

    /// <summary>σ(x) = 1 / (1 + e^−x), in any floating-point type.</summary>
    public static T Logistic<T>(T x)
        where T : System.Numerics.IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));
}
