namespace Perceptron.Training.Callbacks;

/// <summary>
/// A callback with memory across epochs (a best value, a counter, saved weights) that a checkpoint must keep, so that a
/// resumed run continues exactly as the uninterrupted one would.
/// </summary>
/// <remarks>
/// <c>Serialization.Checkpoint</c> saves the state of every stateful callback that comes before it in the callbacks
/// list, as of the end of each epoch it saves; <c>TrainingCheckpoint.Restore(model, callbacks)</c> hands it back. A
/// restored state takes effect at the next <see cref="Callback.OnTrainBegin"/>, which otherwise starts afresh.
/// </remarks>
public interface IStatefulCallback
{
    /// <summary>The name the state is saved under, unique among one run's callbacks (e.g. "early_stopping").</summary>
    string StateName { get; }

    /// <summary>The state as of the end of the last epoch seen: the settings (so that resuming with others can be refused) and the memory.</summary>
    /// <returns>A snapshot that later training does not change.</returns>
    CallbackState SaveState();

    /// <summary>Takes a state saved by <see cref="SaveState"/>, to continue from at the next <see cref="Callback.OnTrainBegin"/>.</summary>
    /// <param name="state">The saved state.</param>
    /// <exception cref="ArgumentException">The state does not fit this callback: other settings, or a value missing.</exception>
    void RestoreState(CallbackState state);
}
