namespace Perceptron.Exercises;

/// <summary>Exercise 2: δ for the last layer of a sigmoid network trained on ½‖t − o‖².</summary>
public static class OutputDeltaExercise
{
    /// <summary>
    /// The output layer's δ, with the classic class's convention: the error is e = t − o (target minus output) and
    /// δ_j is the error times the output unit's slope. Then Derivatives = aᵀ·δ and W += η·Derivatives descends.
    /// </summary>
    /// <param name="target">t, one value per output unit.</param>
    /// <param name="output">o = σ(z), the output layer's activations.</param>
    /// <returns>δ, one value per output unit.</returns>
    public static double[] OutputDelta(double[] target, double[] output)
    {
        // TODO: one line per unit; SigmoidExercise.SigmoidDerivative (exercise 1) gives the slope from o.
        throw new NotImplementedException("Exercise 2: fill in OutputDelta in exercises/Holes/02-OutputDelta.cs");
    }
}
