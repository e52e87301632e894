using Perceptron.Optimizers;

namespace Perceptron.Exercises.Tests;

/// <summary>Exercise 6, graded against the library's Adam (itself checked against PyTorch) over several steps.</summary>
public class AdamStepTests
{
    [Fact]
    public void FirstStep_MovesEachParameterByAboutTheLearningRate()
    {
        // After one step m̂ = g and v̂ = g², so each parameter moves by η·g/|g| = ±η (up to ε).
        double[] w = [1.0, -1.0, 0.5], g = [0.3, -20.0, 1e-3], m = new double[3], v = new double[3];
        Grade.Answer(() => AdamExercise.Step(w, g, m, v, t: 1, learningRate: 0.01));
        double[] expected = [0.99, -0.99, 0.49];
        string hint = Math.Abs(w[0] - 1.0) < 0.005
            ? "The step is far smaller than η: m and v start at 0, so they must be divided by the bias corrections 1 − β₁^t and 1 − β₂^t."
            : "Each parameter should move by about η against the sign of its gradient, whatever the gradient's size.";
        Assert.True(Grade.Close(expected, w, 1e-6),
            $"From w = [1, -1, 0.5] with g = [0.3, -20, 0.001] and η = 0.01, the first step gave {Grade.Show(w)}; Adam gives about {Grade.Show(expected)}. Hint: {hint}");
    }

    [Fact]
    public void ThreeSteps_MatchTheLibrarysAdam()
    {
        double[] w = [0.2, -0.4], m = new double[2], v = new double[2];
        double[] reference = [0.2, -0.4];
        var adam = new Adam(learningRate: 0.05, beta1: 0.8, beta2: 0.95, epsilon: 1e-8);
        double[][] gradients = [[0.5, -0.1], [0.4, 0.3], [-0.2, 0.05]];
        for (int t = 1; t <= gradients.Length; t++)
        {
            double[] g = gradients[t - 1];
            Grade.Answer(() => AdamExercise.Step(w, g, m, v, t, learningRate: 0.05, beta1: 0.8, beta2: 0.95, epsilon: 1e-8));
            adam.Step<double>(reference, g);
            Assert.True(Grade.Close(reference, w, 1e-10),
                $"After step {t} with β₁ = 0.8 and β₂ = 0.95 you have w = {Grade.Show(w)}; Adam gives {Grade.Show(reference)}. Hint: use the β₁, β₂ and ε you are given, and the step number t in the bias corrections.");
        }
    }
}
