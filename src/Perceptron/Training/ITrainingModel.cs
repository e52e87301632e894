using Perceptron.Training.Callbacks;

namespace Perceptron.Training;

/// <summary>What callbacks may do to the model being trained, whatever its element type.</summary>
public interface ITrainingModel
{
    /// <summary>Set to true to stop after the current batch (or epoch, when set at epoch end).</summary>
    bool StopTraining { get; set; }

    /// <summary>Why training stops, recorded in <see cref="History.StopReason"/>.</summary>
    string? StopReason { get; set; }

    /// <summary>The callbacks of the training run in progress, in their order (those of the last run once it has ended).</summary>
    IReadOnlyList<Callback> Callbacks { get; }

    /// <summary>Copies all parameters into a snapshot, reusing <paramref name="reuse"/> when it is a previous snapshot.</summary>
    /// <param name="reuse">A snapshot from an earlier call, or null.</param>
    /// <returns>The snapshot.</returns>
    object SnapshotParameters(object? reuse = null);

    /// <summary>Overwrites all parameters from a snapshot taken from this model.</summary>
    /// <param name="snapshot">A value returned by <see cref="SnapshotParameters"/>.</param>
    void RestoreParameters(object snapshot);
}
