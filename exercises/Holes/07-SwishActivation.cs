using Perceptron.Activations;

namespace Perceptron.Exercises;

/// <summary>
/// Exercise 7: a new activation for the engine, Swish (also called SiLU): f(z) = z·σ(z). Write its forward pass and
/// its derivative; the tests plug it into a network and check your derivative against finite differences of its loss.
/// </summary>
/// <remarks>
/// The engine calls activations on whole batches, row-major, in float or double: T is the number type, and
/// <c>T.One</c>, <c>T.Exp(x)</c> and the usual operators work on it.
/// </remarks>
public sealed class SwishActivation : Activation
{
    /// <inheritdoc/>
    public override string Name => "swish";

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int columns)
    {
        // TODO: a[i] = f(z[i]) for every i.
        throw new NotImplementedException("Exercise 7: fill in Forward in exercises/Holes/07-SwishActivation.cs");
    }

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ, int columns)
    {
        // TODO: dZ[i] = dA[i] · f′(z[i]) for every i (the chain rule); derive f′ from f(z) = z·σ(z).
        throw new NotImplementedException("Exercise 7: fill in Backward in exercises/Holes/07-SwishActivation.cs");
    }

    /// <summary>σ(x) = 1 / (1 + e^−x), in any floating-point type.</summary>
    public static T Logistic<T>(T x)
        where T : System.Numerics.IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));
}
