using System.Globalization;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Tests.Support;

/// <summary>Central finite differences of a double-precision model's training loss, against its analytic gradients: the tests' own loop, independent of the library's <see cref="Perceptron.Diagnostics.GradientCheck"/>.</summary>
internal static class FiniteDifferences
{
    /// <summary>Step for float64 central differences: truncation ~h², rounding ~ε/h.</summary>
    public const double Step = 1e-6;

    /// <summary>Checks every parameter; fails naming the worst one.</summary>
    public static void AssertGradientsMatch(Sequential<double> model, Matrix<double> x, Matrix<double> y, double relative = 1e-5, double absolute = 1e-8)
    {
        model.ComputeLossAndGradients(x, y);
        double[] analytic = model.Gradients.ToArray();
        Span<double> parameters = model.Parameters;
        double worst = 0;
        string report = "";
        for (int i = 0; i < parameters.Length; i++)
        {
            double saved = parameters[i];
            model.Parameters[i] = saved + Step;
            double plus = model.ComputeLossAndGradients(x, y);
            model.Parameters[i] = saved - Step;
            double minus = model.ComputeLossAndGradients(x, y);
            model.Parameters[i] = saved;
            double numeric = (plus - minus) / (2 * Step);
            double excess = Math.Abs(numeric - analytic[i]) - (absolute + relative * Math.Max(Math.Abs(numeric), Math.Abs(analytic[i])));
            if (excess > worst)
            {
                worst = excess;
                report = string.Create(CultureInfo.InvariantCulture, $"parameter {i}: analytic {analytic[i]:E6}, numeric {numeric:E6}");
            }
        }

        Assert.True(worst <= 0, $"Gradient check failed at {report} ({model.Summary()})");
    }
}
