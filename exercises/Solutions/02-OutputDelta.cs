namespace Perceptron.Exercises;

/// <summary>Exercise 2: δ for the last layer (reference answer).</summary>
public static class OutputDeltaExercise
{
    /// <summary>δ_j = (t_j − o_j)·σ′(o_j).</summary>
    public static double[] OutputDelta(double[] target, double[] output)
    {
        var delta = new double[output.Length];
        for (int j = 0; j < output.Length; j++)
        {
            delta[j] = (target[j] - output[j]) * SigmoidExercise.SigmoidDerivative(output[j]);
        }

        return delta;
    }
}
