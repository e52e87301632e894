namespace Perceptron.Exercises;

/// <summary>Exercise 1: the sigmoid's derivative (reference answer).</summary>
public static class SigmoidExercise
{
    /// <summary>σ(x) = 1 / (1 + e^−x).</summary>
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>σ′(x) = σ(x)(1 − σ(x)), from a = σ(x).</summary>
    public static double SigmoidDerivative(double a) => a * (1 - a);
}
