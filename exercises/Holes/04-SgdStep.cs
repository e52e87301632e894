namespace Perceptron.Exercises;

/// <summary>Exercise 4: one step of gradient descent.</summary>
public static class SgdExercise
{
    /// <summary>Moves every parameter a step of size η against its gradient, in place.</summary>
    /// <param name="parameters">The parameters w, updated in place.</param>
    /// <param name="gradients">∂L/∂w, the same length (the gradient of the loss, pointing uphill).</param>
    /// <param name="learningRate">η &gt; 0.</param>
    public static void Step(double[] parameters, double[] gradients, double learningRate)
    {
        // TODO: update each parameter so that the loss goes down.
        throw new NotImplementedException("Exercise 4: fill in Step in exercises/Holes/04-SgdStep.cs");
    }
}
