namespace Perceptron.Exercises;

/// <summary>Exercise 3: carry the error back through a layer's weights (backpropagation's central step).</summary>
public static class HiddenErrorExercise
{
    /// <summary>
    /// The error at the layer below, e = δ·Wᵀ: unit k of the layer below sent its activation to every unit j above
    /// through W[k, j], so it receives back each δ_j through the same weight. (The hidden layer's own δ is then
    /// e ⊙ σ′(a), as in exercise 2.)
    /// </summary>
    /// <param name="delta">δ of the layer above, one value per unit j.</param>
    /// <param name="weights">W, shaped [units below k, units above j].</param>
    /// <returns>e, one value per unit k below.</returns>
    public static double[] HiddenError(double[] delta, double[,] weights)
    {
        // TODO: e_k = Σ_j … for every k.
        throw new NotImplementedException("Exercise 3: fill in HiddenError in exercises/Holes/03-HiddenError.cs");
    }
}
