namespace Perceptron.Exercises;

/// <summary>Exercise 5: softmax with cross-entropy (reference answer).</summary>
public static class SoftmaxCrossEntropyExercise
{
    /// <summary>L = log Σ e^{z_j} − z_y (shifted by max z so nothing overflows); ∂L/∂z = p − onehot(y).</summary>
    public static (double Loss, double[] Gradient) LossAndGradient(double[] logits, int label)
    {
        double max = logits.Max();
        double sum = logits.Sum(z => Math.Exp(z - max));
        double logSumExp = max + Math.Log(sum);
        double[] gradient = [.. logits.Select(z => Math.Exp(z - logSumExp))];
        gradient[label] -= 1;
        return (logSumExp - logits[label], gradient);
    }
}
