namespace Perceptron.Exercises.Tests;

/// <summary>Exercise 4, graded on L(w) = ½‖w − c‖², whose gradient is w − c.</summary>
public class SgdStepTests
{
    private static readonly double[] Centre = [1.0, -2.0, 0.5];

    [Fact]
    public void Step_GoesDownhillByTheLearningRateTimesTheGradient()
    {
        double[] w = [3.0, 0.0, 0.5];
        double[] gradient = [.. w.Zip(Centre, (wi, ci) => wi - ci)];
        double before = Loss(w);
        Grade.Answer(() => SgdExercise.Step(w, gradient, learningRate: 0.1));
        double[] expected = [2.8, -0.2, 0.5];
        string hint = Loss(w) > before ? "The loss went up: the gradient points uphill, so step against it."
            : "Each parameter moves by exactly η times its own gradient.";
        Assert.True(Grade.Close(expected, w, 1e-12),
            $"From w = [3, 0, 0.5] with gradient {Grade.Show(gradient)} and η = 0.1 the step gave {Grade.Show(w)} (loss {Grade.Show(before)} → {Grade.Show(Loss(w))}). Hint: {hint}");
    }

    [Fact]
    public void Step_RepeatedConvergesToTheMinimum()
    {
        double[] w = [3.0, 0.0, 0.5];
        for (int step = 0; step < 200; step++)
        {
            double[] gradient = [.. w.Zip(Centre, (wi, ci) => wi - ci)];
            Grade.Answer(() => SgdExercise.Step(w, gradient, learningRate: 0.1));
        }

        Assert.True(Grade.Close(Centre, w, 1e-6), $"200 steps of η = 0.1 on ½‖w − c‖² ended at {Grade.Show(w)}, not at the minimum c = {Grade.Show(Centre)}.");
    }

    private static double Loss(double[] w) => 0.5 * w.Zip(Centre, (wi, ci) => (wi - ci) * (wi - ci)).Sum();
}
