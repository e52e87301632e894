namespace Perceptron.Exercises;

/// <summary>Exercise 6: one step of Adam (reference answer).</summary>
public static class AdamExercise
{
    /// <summary>m = β₁m + (1 − β₁)g; v = β₂v + (1 − β₂)g²; w −= η·m̂ / (√v̂ + ε) with m̂ = m/(1 − β₁^t), v̂ = v/(1 − β₂^t).</summary>
    public static void Step(double[] parameters, double[] gradients, double[] m, double[] v, int t,
        double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            m[i] = (beta1 * m[i]) + ((1 - beta1) * gradients[i]);
            v[i] = (beta2 * v[i]) + ((1 - beta2) * gradients[i] * gradients[i]);
            double mHat = m[i] / (1 - Math.Pow(beta1, t));
            double vHat = v[i] / (1 - Math.Pow(beta2, t));
            parameters[i] -= learningRate * mHat / (Math.Sqrt(vHat) + epsilon);
        }
    }
}
