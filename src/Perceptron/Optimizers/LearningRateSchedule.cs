namespace Perceptron.Optimizers;

/// <summary>Sets the learning rate at the start of each epoch from the optimizer's initial rate.</summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate for an epoch.</summary>
    /// <param name="epoch">The epoch about to start, counting from 0.</param>
    /// <param name="initialRate">The optimizer's initial learning rate η₀.</param>
    /// <returns>The rate to use for that epoch, &gt; 0.</returns>
    public abstract double Rate(int epoch, double initialRate);
}

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

/// <summary>Exponential decay: η = η₀ · factor^epoch.</summary>
/// <param name="factor">Multiplier per epoch, in (0, 1].</param>
public sealed class ExponentialDecay(double factor) : LearningRateSchedule
{
    private readonly double _factor = factor is > 0 and <= 1 ? factor : throw new ArgumentOutOfRangeException(nameof(factor), factor, "Must be in (0, 1].");

    /// <inheritdoc/>
    public override double Rate(int epoch, double initialRate) => initialRate * Math.Pow(_factor, epoch);
}

/// <summary>Cosine decay: η = η_min + ½(η₀ − η_min)(1 + cos(π·min(epoch, T)/T)).</summary>
/// <param name="totalEpochs">Epochs T over which the rate falls to its minimum, ≥ 1.</param>
/// <param name="minimumRate">The floor η_min, ≥ 0 (a rate of exactly 0 is raised to a tiny positive value).</param>
public sealed class CosineDecay(int totalEpochs, double minimumRate = 0) : LearningRateSchedule
{
    private readonly int _totalEpochs = totalEpochs >= 1 ? totalEpochs : throw new ArgumentOutOfRangeException(nameof(totalEpochs), totalEpochs, "Must be ≥ 1.");
    private readonly double _minimumRate = minimumRate >= 0 ? minimumRate : throw new ArgumentOutOfRangeException(nameof(minimumRate), minimumRate, "Must be ≥ 0.");

    /// <inheritdoc/>
    public override double Rate(int epoch, double initialRate)
    {
        double progress = Math.Min(epoch, _totalEpochs) / (double)_totalEpochs;
        double rate = _minimumRate + 0.5 * (initialRate - _minimumRate) * (1 + Math.Cos(Math.PI * progress));
        return Math.Max(rate, double.Epsilon);
    }
}
