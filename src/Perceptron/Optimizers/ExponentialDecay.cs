namespace Perceptron.Optimizers;

/// <summary>Exponential decay: η = η₀ · factor^epoch.</summary>
/// <param name="factor">Multiplier per epoch, in (0, 1].</param>
public sealed class ExponentialDecay(double factor) : LearningRateSchedule
{
    private readonly double _factor = factor is > 0 and <= 1 ? factor : throw new ArgumentOutOfRangeException(nameof(factor), factor, "Must be in (0, 1].");

    /// <inheritdoc/>
    public override double Rate(int epoch, double initialRate) => initialRate * Math.Pow(_factor, epoch);
}
