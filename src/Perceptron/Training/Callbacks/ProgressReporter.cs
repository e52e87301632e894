namespace Perceptron.Training.Callbacks;

/// <summary>Hands each finished epoch to an <see cref="IProgress{T}"/>.</summary>
internal sealed class ProgressReporter(IProgress<EpochResult> progress) : Callback
{
    /// <inheritdoc/>
    public override void OnEpochEnd(ITrainingModel model, EpochResult epoch) => progress.Report(epoch);
}
