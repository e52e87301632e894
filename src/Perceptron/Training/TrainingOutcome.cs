namespace Perceptron.Training;

/// <summary>How a training run ended.</summary>
public enum TrainingOutcome
{
    /// <summary>Every requested epoch ran.</summary>
    Completed,

    /// <summary>A callback stopped it early (early stopping, a non-finite validation value); <see cref="History.StopReason"/> says why.</summary>
    StoppedEarly,

    /// <summary>A loss or gradient became NaN or infinite; the step was not applied and the weights are the last good ones.</summary>
    Diverged,
}
