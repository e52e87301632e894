using Perceptron.Tensors;

namespace Perceptron.Training;

/// <summary>
/// Checks a float64 model's backpropagated gradients against central finite differences of its training loss: the
/// way to trust a new layer, activation or loss before training with it.
/// </summary>
public static class GradientChecker
{
    /// <summary>The finite-difference step: float64 truncation error grows as h², rounding error as ε/h.</summary>
    public const double Step = 1e-6;

    /// <summary>
    /// Compares ∂L/∂θ from backpropagation with (L(θ + h) − L(θ − h)) / 2h for every parameter θ, on all of
    /// <paramref name="x"/> as one batch in training mode; the parameters are left as they were.
    /// </summary>
    /// <param name="model">A compiled model; it is built for <paramref name="x"/>'s width if it is not yet.</param>
    /// <param name="x">Inputs, one sample a row.</param>
    /// <param name="y">Targets in the form the model's loss expects.</param>
    /// <param name="relative">Allowed error relative to the larger of the two gradients.</param>
    /// <param name="absolute">Allowed error near zero.</param>
    /// <returns>The parameter that disagrees most, with both gradients.</returns>
    public static GradientCheckResult Check(Sequential<double> model, Matrix<double> x, Matrix<double> y, double relative = 1e-5, double absolute = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        model.ComputeLossAndGradients(x, y);
        double[] analytic = model.Gradients.ToArray();
        var worst = new GradientCheckResult(-1, 0, 0, double.NegativeInfinity);
        for (int i = 0; i < analytic.Length; i++)
        {
            double saved = model.Parameters[i];
            model.Parameters[i] = saved + Step;
            double plus = model.ComputeLossAndGradients(x, y);
            model.Parameters[i] = saved - Step;
            double minus = model.ComputeLossAndGradients(x, y);
            model.Parameters[i] = saved;
            double numeric = (plus - minus) / (2 * Step);
            double excess = Math.Abs(numeric - analytic[i]) - (absolute + (relative * Math.Max(Math.Abs(numeric), Math.Abs(analytic[i]))));
            if (!(excess <= worst.Excess))
            {
                worst = new GradientCheckResult(i, analytic[i], numeric, excess);
            }
        }

        model.ComputeLossAndGradients(x, y);
        return worst;
    }
}
