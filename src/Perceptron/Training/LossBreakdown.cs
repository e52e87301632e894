namespace Perceptron.Training;

/// <summary>The two terms of the objective a model minimises, for one batch.</summary>
/// <param name="DataLoss">The loss function's mean over the batch: what <see cref="Sequential{T}.Evaluate(Tensors.Matrix{T}, Tensors.Matrix{T}, int)"/> and the "loss" log report.</param>
/// <param name="Penalty">The weight penalties Σ (λ·Σw² + λ₁·Σ|w|) over the layers (0 without any): the "penalty" log.</param>
public readonly record struct LossBreakdown(double DataLoss, double Penalty)
{
    /// <summary>The objective whose gradient training follows: <see cref="DataLoss"/> + <see cref="Penalty"/>.</summary>
    public double Total => DataLoss + Penalty;
}
