namespace Perceptron.Training.Callbacks;

/// <summary>
/// Stops training at the end of an epoch whose logs hold a NaN or infinite value (a validation loss, say).
/// A non-finite training loss or gradient needs no callback: Fit always stops before applying such a step.
/// </summary>
public sealed class TerminateOnNaN : Callback
{
    /// <inheritdoc/>
    public override void OnEpochEnd(ITrainingModel model, EpochResult epoch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(epoch);
        foreach (var (key, value) in epoch.Logs)
        {
            if (!double.IsFinite(value))
            {
                model.StopTraining = true;
                model.StopReason = $"{key} is {value} at epoch {epoch.Epoch}";
                return;
            }
        }
    }
}
