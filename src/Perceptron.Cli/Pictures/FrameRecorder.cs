using Perceptron.Training;
using Perceptron.Training.Callbacks;

namespace Perceptron.Cli.Pictures;

/// <summary>Keeps a copy of the network's parameters after each chosen epoch, for <see cref="TrainingAnimation"/>.</summary>
/// <param name="epochs">The epochs (1-based) whose parameters to keep.</param>
internal sealed class FrameRecorder(IReadOnlySet<int> epochs) : Callback
{
    /// <summary>The parameters after each recorded epoch, by epoch.</summary>
    public Dictionary<int, float[]> Snapshots { get; } = [];

    public override void OnEpochEnd(ITrainingModel model, EpochResult epoch)
    {
        if (epochs.Contains(epoch.Epoch))
        {
            Snapshots[epoch.Epoch] = (float[])((Sequential<float>)model).SnapshotParameters();
        }
    }
}
