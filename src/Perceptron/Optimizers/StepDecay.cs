namespace Perceptron.Optimizers;

/// <summary>Step decay: η = η₀ · factor^⌊epoch / stepEpochs⌋.</summary>
/// <param name="stepEpochs">Epochs between drops, ≥ 1.</param>
/// <param name="factor">Multiplier at each drop, in (0, 1].</param>
public sealed class StepDecay(int stepEpochs, double factor = 0.1) : LearningRateSchedule
{
    private readonly int _stepEpochs = stepEpochs >= 1 ? stepEpochs : throw new ArgumentOutOfRangeException(nameof(stepEpochs), stepEpochs, "Must be ≥ 1.");
    private readonly double _factor = factor is > 0 and <= 1 ? factor : throw new ArgumentOutOfRangeException(nameof(factor), factor, "Must be in (0, 1].");

    /// <inheritdoc/>
    public override double Rate(int epoch, double initialRate) => initialRate * Math.Pow(_factor, epoch / _stepEpochs);
}
