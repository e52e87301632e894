using System.Numerics;
using Perceptron.Activations;
using Perceptron.Losses;

// Written as a user would write them: outside the library's namespaces, against its public API only.
namespace UserWritten;

/// <summary>Softplus, a = ln(1 + e^z), whose derivative is σ(z).</summary>
public class Softplus : Activation
{
    public override string Name => "softplus";

    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int columns)
    {
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = T.LogP1(T.Exp(z[i]));
        }
    }

    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ, int columns)
    {
        for (int i = 0; i < dZ.Length; i++)
        {
            dZ[i] = dA[i] * Derivative(z[i]);
        }
    }

    /// <summary>σ(z); overridden below to plant a bug.</summary>
    protected virtual T Derivative<T>(T z)
        where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-z));
}

/// <summary>Softplus with a wrong derivative: off by 5 % for positive inputs.</summary>
public sealed class SoftplusWithWrongDerivative : Softplus
{
    protected override T Derivative<T>(T z) => base.Derivative(z) * (z > T.Zero ? T.CreateTruncating(1.05) : T.One);
}

/// <summary>The log-cosh loss, mean of log(cosh(p − y)); its gradient is tanh(p − y)/(N·K).</summary>
public sealed class LogCosh : Loss
{
    public override string Name => "log_cosh";

    public override double Compute<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputs)
    {
        int count = batch * outputs;
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            T d = predictions[i] - targets[i];
            sum += double.CreateTruncating(T.Log(T.Cosh(d)));
            if (!gradient.IsEmpty)
            {
                gradient[i] = T.Tanh(d) / T.CreateTruncating(count);
            }
        }

        return sum / count;
    }
}
