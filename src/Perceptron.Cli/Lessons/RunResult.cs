using Perceptron.Tabular;

namespace Perceptron.Cli.Lessons;

/// <summary>What one variant of a lesson measured, and the trained network.</summary>
internal sealed record RunResult
{
    /// <summary>The variant's column heading, e.g. "before" or "after".</summary>
    public required string Variant { get; init; }

    /// <summary>The recipe trained.</summary>
    public required Recipe Recipe { get; init; }

    /// <summary>The loss function's name (mse, sparse_categorical_crossentropy).</summary>
    public required string LossName { get; init; }

    /// <summary>"accuracy" or "r2".</summary>
    public required string MetricName { get; init; }

    /// <summary>Each epoch's mean training loss, as training logged it.</summary>
    public required IReadOnlyList<double> TrainLossCurve { get; init; }

    /// <summary>Each epoch's test metric (accuracy or R²), measured after the epoch.</summary>
    public required IReadOnlyList<double> TestMetricCurve { get; init; }

    /// <summary>Each epoch's test loss.</summary>
    public required IReadOnlyList<double> TestLossCurve { get; init; }

    /// <summary>Each epoch's validation loss (empty without validation rows).</summary>
    public IReadOnlyList<double> ValidationLossCurve { get; init; } = [];

    /// <summary>The loss on the training rows after training.</summary>
    public required double TrainLoss { get; init; }

    /// <summary>The loss on the test rows after training.</summary>
    public required double TestLoss { get; init; }

    /// <summary>Accuracy or R² on the training rows after training.</summary>
    public required double TrainMetric { get; init; }

    /// <summary>Accuracy or R² on the test rows after training.</summary>
    public required double TestMetric { get; init; }

    /// <summary>The first epoch whose test metric reached the task's threshold, or null.</summary>
    public required int? EpochsToThreshold { get; init; }

    /// <summary>Epochs trained (fewer than asked when training diverged or stopped early).</summary>
    public required int EpochsRun { get; init; }

    /// <summary>Gradient steps taken (applied: a diverging step is not).</summary>
    public required long Steps { get; init; }

    /// <summary>Whether the loss became NaN or infinite (training stopped before the bad step).</summary>
    public required bool Diverged { get; init; }

    /// <summary>The gradient step (from 1, counted over all epochs) whose loss or gradient became NaN or infinite; null if none did (engine runs).</summary>
    public long? DivergedAtStep { get; init; }

    /// <summary>The epoch (from 1) of <see cref="DivergedAtStep"/>; null if training did not diverge (engine runs).</summary>
    public int? DivergedInEpoch { get; init; }

    /// <summary>The epoch whose weights early stopping kept (null without early stopping).</summary>
    public int? BestEpoch { get; init; }

    /// <summary>Training time (wall clock; not reproducible, never checked).</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Root mean square of each layer's weight gradient, averaged over the first epoch's steps (engine runs; empty for the classic class).</summary>
    public IReadOnlyList<double> FirstEpochGradientRms { get; init; } = [];

    /// <summary>Each gradient step's loss on its batch, in order (engine runs; empty for the classic class).</summary>
    public IReadOnlyList<double> StepLossCurve { get; init; } = [];

    /// <summary>Each gradient step's gradient norm ‖g‖ as the optimizer received it (after any clipping), in order (engine runs).</summary>
    public IReadOnlyList<double> StepGradientNormCurve { get; init; } = [];

    /// <summary>The trained network with its input scaling, as a model file would hold it.</summary>
    public required TabularModel Model { get; init; }

    /// <summary>Snapshots of the parameters after chosen epochs (for animations), by epoch.</summary>
    public IReadOnlyDictionary<int, float[]> Snapshots { get; init; } = new Dictionary<int, float[]>();
}
