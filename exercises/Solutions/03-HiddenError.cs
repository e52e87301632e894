namespace Perceptron.Exercises;

/// <summary>Exercise 3: e = δ·Wᵀ (reference answer).</summary>
public static class HiddenErrorExercise
{
    /// <summary>e_k = Σ_j δ_j·W[k, j].</summary>
    public static double[] HiddenError(double[] delta, double[,] weights)
    {
        var error = new double[weights.GetLength(0)];
        for (int k = 0; k < error.Length; k++)
        {
            for (int j = 0; j < delta.Length; j++)
            {
                error[k] += delta[j] * weights[k, j];
            }
        }

        return error;
    }
}
