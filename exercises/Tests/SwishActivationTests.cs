using System.Globalization;
using Perceptron.Diagnostics;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Exercises.Tests;

/// <summary>
/// Exercise 7, graded by hand-computed values and by the check every new part of the engine needs: central finite
/// differences of a whole network's loss against the gradients its backward pass computes (the library's GradientCheck).
/// </summary>
public class SwishActivationTests
{
    private static readonly SwishActivation Swish = new();

    [Fact]
    public void Forward_MatchesHandComputedValues()
    {
        // f(0) = 0·½ = 0; f(2) = 2/(1 + e⁻²); f(−2) = −2/(1 + e²).
        double[] z = [0, 2, -2], a = new double[3];
        Grade.Answer(() => Swish.Forward<double>(z, a, columns: 3));
        double[] expected = [0, 2 / (1 + Math.Exp(-2)), -2 / (1 + Math.Exp(2))];
        Assert.True(Grade.Close(expected, a, 1e-12),
            $"For z = [0, 2, -2] Swish gives {Grade.Show(expected)}; your Forward gave {Grade.Show(a)}. Hint: multiply z by σ(z) (the Logistic helper computes σ).");
    }

    [Fact]
    public void Backward_MatchesTheSlopeOfForward()
    {
        double[] z = [-3, -0.5, 0, 0.7, 2.5];
        double[] a = new double[z.Length], dA = [1, 1, 1, 1, 1], dZ = new double[z.Length];
        Grade.Answer(() => Swish.Forward<double>(z, a, z.Length));
        Grade.Answer(() => Swish.Backward<double>(z, a, dA, dZ, z.Length));
        const double H = 1e-6;
        for (int i = 0; i < z.Length; i++)
        {
            double slope = (Value(z[i] + H) - Value(z[i] - H)) / (2 * H);
            string hint = Grade.Close(SwishActivation.Logistic(z[i]), dZ[i], 1e-6)
                ? "f(z)/z is σ(z), only part of the derivative: use the product rule on z·σ(z)."
                : "f(z) = z·σ(z) is a product; its derivative has two terms, and σ′ = σ(1 − σ).";
            Assert.True(Grade.Close(slope, dZ[i], 1e-6),
                string.Create(CultureInfo.InvariantCulture, $"At z = {z[i]} the slope of Swish is {Grade.Show(slope)}; your Backward gave {Grade.Show(dZ[i])} (with dA = 1). Hint: {hint}"));
        }
    }

    [Fact]
    public void Backward_ScalesByTheIncomingGradient()
    {
        double[] z = [0.4, -1.1], a = new double[2], dZ1 = new double[2], dZ3 = new double[2];
        Grade.Answer(() => Swish.Forward<double>(z, a, 2));
        Grade.Answer(() => Swish.Backward<double>(z, a, [1.0, 1.0], dZ1, 2));
        Grade.Answer(() => Swish.Backward<double>(z, a, [3.0, -2.0], dZ3, 2));
        double[] expected = [3 * dZ1[0], -2 * dZ1[1]];
        Assert.True(Grade.Close(expected, dZ3, 1e-12),
            $"With dA = [3, -2] Backward should give dA ⊙ f′(z) = {Grade.Show(expected)}; yours gave {Grade.Show(dZ3)}. Hint: the chain rule multiplies f′(z) by dA[i].");
    }

    [Fact]
    public void InANetwork_GradientsMatchFiniteDifferencesOfTheLoss()
    {
        var random = new Random(17);
        var model = new Sequential<double>(new Dense<double>(5, Swish), new Dense<double>(4, Swish), new Dense<double>(2)) { Seed = 3 };
        model.Compile(new Sgd(0.1), new MeanSquaredError());
        var x = Random(random, 6, 3);
        var y = Random(random, 6, 2);
        var result = Grade.Answer(() => GradientCheck.Run(model, x, y));
        Assert.True(result.Passed,
            $"In a 3 → 5 → 4 → 2 network with Swish hidden layers, the {result.Worst!.Tensor.Layer} {result.Worst.Tensor.Name} element {result.Worst.WorstIndex}'s gradient from backpropagation is {Grade.Show(result.Worst.Analytic)} but the loss changes at the rate {Grade.Show(result.Worst.Numeric)}. Hint: Backward must agree with Forward; make Backward_MatchesTheSlopeOfForward pass first.");
    }

    private static double Value(double z)
    {
        double[] a = new double[1];
        Swish.Forward<double>([z], a, 1);
        return a[0];
    }

    private static Matrix<double> Random(Random random, int rows, int columns)
    {
        var matrix = new Matrix<double>(rows, columns);
        foreach (ref double value in matrix.AsSpan())
        {
            value = (random.NextDouble() * 4) - 2;
        }

        return matrix;
    }
}
