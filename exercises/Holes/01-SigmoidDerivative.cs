namespace Perceptron.Exercises;

/// <summary>Exercise 1: the sigmoid's derivative.</summary>
public static class SigmoidExercise
{
    /// <summary>σ(x) = 1 / (1 + e^−x).</summary>
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>
    /// The derivative σ′(x), given not x but the sigmoid's output a = σ(x) (the backward pass has a at hand, as the
    /// classic class's SigmoidDerivative does).
    /// </summary>
    /// <param name="a">σ(x), in (0, 1).</param>
    public static double SigmoidDerivative(double a)
    {
        // TODO: return σ′(x) written with a = σ(x) only (no exp needed).
        throw new NotImplementedException("Exercise 1: fill in SigmoidDerivative in exercises/Holes/01-SigmoidDerivative.cs");
    }
}
