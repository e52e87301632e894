using System.Numerics;

namespace Perceptron.Activations;

/// <summary>
/// The Gaussian error linear unit in its tanh approximation (GPT-2, BERT; PyTorch <c>gelu(approximate='tanh')</c>,
/// ONNX <c>Gelu(approximate="tanh")</c>): a = ½z(1 + tanh(√(2/π)(z + 0.044715z³))).
/// </summary>
/// <remarks>The tanh form is used because .NET has no erf, and its derivative is exact in closed form.</remarks>
/// <seealso href="https://arxiv.org/abs/1606.08415"/>
public sealed class Gelu : Activation
{
    private const double SqrtTwoOverPi = 0.7978845608028654;
    private const double Cubic = 0.044715;

    internal Gelu()
    {
    }

    /// <inheritdoc/>
    public override string Name => "gelu";

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int columns)
    {
        T c = T.CreateTruncating(SqrtTwoOverPi), k = T.CreateTruncating(Cubic), half = T.CreateTruncating(0.5);
        for (int i = 0; i < a.Length; i++)
        {
            T x = z[i];
            a[i] = half * x * (T.One + T.Tanh(c * (x + k * x * x * x)));
        }
    }

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ, int columns)
    {
        T c = T.CreateTruncating(SqrtTwoOverPi), k = T.CreateTruncating(Cubic), half = T.CreateTruncating(0.5), three = T.CreateTruncating(3.0);
        for (int i = 0; i < dZ.Length; i++)
        {
            // d/dx ½x(1 + tanh u) = ½(1 + tanh u) + ½x(1 − tanh²u)·u′, with u = c(x + kx³), u′ = c(1 + 3kx²).
            T x = z[i];
            T t = T.Tanh(c * (x + k * x * x * x));
            T derivative = half * (T.One + t) + half * x * (T.One - t * t) * c * (T.One + three * k * x * x);
            dZ[i] = dA[i] * derivative;
        }
    }
}
