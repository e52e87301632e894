namespace Perceptron.Optimizers;

/// <summary>AdamW: Adam with decoupled weight decay (the decay shrinks the weights instead of joining the gradient).</summary>
/// <remarks>
/// <code>
/// p ← p·(1 − η·weightDecay)
/// then the Adam update without L2
/// </code>
/// </remarks>
/// <seealso href="https://arxiv.org/abs/1711.05101"/>
/// <param name="learningRate">Step size η &gt; 0.</param>
/// <param name="beta1">Decay of the first moment, in [0, 1).</param>
/// <param name="beta2">Decay of the second moment, in [0, 1).</param>
/// <param name="epsilon">Stability term, &gt; 0.</param>
/// <param name="weightDecay">Decoupled decay rate, ≥ 0 (PyTorch's default 0.01).</param>
public sealed class AdamW(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.01)
    : Adam(learningRate, beta1, beta2, epsilon, weightDecay)
{
    /// <inheritdoc/>
    public override string Name => "adamw";

    private protected override bool CoupledWeightDecay => false;
}
