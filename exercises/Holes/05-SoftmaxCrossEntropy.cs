namespace Perceptron.Exercises;

/// <summary>Exercise 5: softmax with cross-entropy, and its gradient with respect to the logits.</summary>
public static class SoftmaxCrossEntropyExercise
{
    /// <summary>
    /// For logits z and the true class y: the loss L = −log p_y with p = softmax(z), p_k = e^{z_k} / Σ_j e^{z_j},
    /// and ∂L/∂z_k for every k.
    /// </summary>
    /// <param name="logits">z, one value per class (any size: 1000 must work as well as 1).</param>
    /// <param name="label">y, the true class, 0 ≤ y &lt; classes.</param>
    /// <returns>The loss and the gradient (one value per class).</returns>
    public static (double Loss, double[] Gradient) LossAndGradient(double[] logits, int label)
    {
        // TODO: compute p without overflowing, then the loss and the gradient (it is short).
        throw new NotImplementedException("Exercise 5: fill in LossAndGradient in exercises/Holes/05-SoftmaxCrossEntropy.cs");
    }
}
