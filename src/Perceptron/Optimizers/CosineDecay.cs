namespace Perceptron.Optimizers;

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
