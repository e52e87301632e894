namespace Perceptron.Exercises.Tests;

/// <summary>Exercise 1, graded against the sigmoid's slope measured by finite differences.</summary>
public class SigmoidDerivativeTests
{
    [Theory]
    [InlineData(-4.0)]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    public void SigmoidDerivative_IsTheSlopeOfTheSigmoid(double x)
    {
        double a = SigmoidExercise.Sigmoid(x);
        double answer = Grade.Answer(() => SigmoidExercise.SigmoidDerivative(a));
        const double H = 1e-5;
        double slope = (SigmoidExercise.Sigmoid(x + H) - SigmoidExercise.Sigmoid(x - H)) / (2 * H);
        string hint = Grade.Close(answer, SigmoidExercise.Sigmoid(a) * (1 - SigmoidExercise.Sigmoid(a)), 1e-6)
            ? "It looks as if you applied σ to a again: a is already σ(x)."
            : "The argument is the sigmoid's output a = σ(x), not x; σ′ can be written with a alone.";
        Assert.True(Grade.Close(slope, answer, 1e-6),
            $"SigmoidDerivative({Grade.Show(a)}) returned {Grade.Show(answer)}, but the sigmoid's slope at x = {x} (where σ(x) = {Grade.Show(a)}) is {Grade.Show(slope)}, measured by finite differences. Hint: {hint}");
    }
}
