namespace Perceptron.Exercises.Tests;

/// <summary>Exercise 5, graded against hand-computed values and finite differences.</summary>
public class SoftmaxCrossEntropyTests
{
    [Fact]
    public void LossAndGradient_MatchHandComputedValues()
    {
        // z = [1, 2, 3], y = 0: L = log(e + e² + e³) − 1; ∂L/∂z = softmax(z) − [1, 0, 0].
        var (loss, gradient) = Grade.Answer(() => SoftmaxCrossEntropyExercise.LossAndGradient([1.0, 2.0, 3.0], 0));
        double sum = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        double expectedLoss = Math.Log(sum) - 1;
        double[] expectedGradient = [(Math.Exp(1) / sum) - 1, Math.Exp(2) / sum, Math.Exp(3) / sum];
        Assert.True(Grade.Close(expectedLoss, loss, 1e-12),
            $"For z = [1, 2, 3] and class 0 the loss is {Grade.Show(expectedLoss)}; you returned {Grade.Show(loss)}. Hint: the loss is −log p_y, where p is the softmax of z.");
        string hint = Grade.Close(gradient.Sum(), 0, 1e-9)
            ? "The gradient is short: the softmax's derivative and the cross-entropy's cancel to something very simple."
            : "The gradient's entries should add up to 0 (raising every logit by the same amount changes nothing).";
        Assert.True(Grade.Close(expectedGradient, gradient, 1e-12),
            $"For z = [1, 2, 3] and class 0 the gradient is {Grade.Show(expectedGradient)}; you returned {Grade.Show(gradient)}. Hint: {hint}");
    }

    [Fact]
    public void LossAndGradient_MatchFiniteDifferences()
    {
        double[] z = [0.3, -1.2, 2.0, 0.7];
        var (_, gradient) = Grade.Answer(() => SoftmaxCrossEntropyExercise.LossAndGradient(z, 2));
        const double H = 1e-6;
        for (int k = 0; k < z.Length; k++)
        {
            double[] plus = [.. z], minus = [.. z];
            plus[k] += H;
            minus[k] -= H;
            double numeric = (SoftmaxCrossEntropyExercise.LossAndGradient(plus, 2).Loss - SoftmaxCrossEntropyExercise.LossAndGradient(minus, 2).Loss) / (2 * H);
            Assert.True(Grade.Close(numeric, gradient[k], 1e-6),
                $"∂L/∂z_{k} is {Grade.Show(numeric)} by finite differences of your own loss, but your gradient says {Grade.Show(gradient[k])}. Hint: check the gradient against the loss you compute.");
        }
    }

    [Fact]
    public void LossAndGradient_StayFiniteForLargeLogits()
    {
        var (loss, gradient) = Grade.Answer(() => SoftmaxCrossEntropyExercise.LossAndGradient([1000.0, 1001.0], 1));
        double expected = Math.Log(1 + Math.Exp(-1));
        Assert.True(double.IsFinite(loss) && gradient.All(double.IsFinite),
            $"For logits [1000, 1001] you returned loss {Grade.Show(loss)} and gradient {Grade.Show(gradient)}. Hint: e^1000 overflows a double; softmax(z) = softmax(z − c) for any c, so shift the logits first.");
        Assert.True(Grade.Close(expected, loss, 1e-12), $"For logits [1000, 1001] and class 1 the loss is {Grade.Show(expected)}; you returned {Grade.Show(loss)}.");
    }
}
