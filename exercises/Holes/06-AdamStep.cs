namespace Perceptron.Exercises;

/// <summary>Exercise 6: one step of Adam (Kingma and Ba, 2015, Algorithm 1).</summary>
public static class AdamExercise
{
    /// <summary>
    /// Updates the parameters in place, and the running means m (of the gradient) and v (of its square). Step t
    /// counts from 1; m and v start at 0, which is why their estimates need the bias corrections 1 − β^t.
    /// </summary>
    /// <param name="parameters">w, updated in place.</param>
    /// <param name="gradients">g = ∂L/∂w.</param>
    /// <param name="m">First moment, updated in place.</param>
    /// <param name="v">Second moment, updated in place.</param>
    /// <param name="t">The step number, from 1.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="beta1">β₁, e.g. 0.9.</param>
    /// <param name="beta2">β₂, e.g. 0.999.</param>
    /// <param name="epsilon">ε, e.g. 1e-8, added to √v̂.</param>
    public static void Step(double[] parameters, double[] gradients, double[] m, double[] v, int t,
        double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        // TODO: m, v, the two bias-corrected estimates, then the parameter step.
        throw new NotImplementedException("Exercise 6: fill in Step in exercises/Holes/06-AdamStep.cs");
    }
}
