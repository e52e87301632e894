namespace Perceptron.Exercises;

/// <summary>Exercise 4: one step of gradient descent (reference answer).</summary>
public static class SgdExercise
{
    /// <summary>w ← w − η·∂L/∂w.</summary>
    public static void Step(double[] parameters, double[] gradients, double learningRate)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] -= learningRate * gradients[i];
        }
    }
}
