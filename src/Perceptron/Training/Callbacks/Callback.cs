namespace Perceptron.Training.Callbacks;

/// <summary>Hooks into training: called as training, epochs and batches begin and end.</summary>
/// <remarks>OnBatchEnd runs on the training thread after every step: keep it cheap and allocation-free.</remarks>
public abstract class Callback
{
    /// <summary>Training is starting.</summary>
    /// <param name="model">The model being trained.</param>
    /// <param name="epochs">The last epoch's number (the total requested).</param>
    /// <param name="batchesPerEpoch">Gradient steps per epoch.</param>
    public virtual void OnTrainBegin(ITrainingModel model, int epochs, int batchesPerEpoch)
    {
    }

    /// <summary>A training step finished.</summary>
    /// <param name="model">The model being trained.</param>
    /// <param name="progress">Where training is and the epoch's running loss.</param>
    public virtual void OnBatchEnd(ITrainingModel model, in BatchProgress progress)
    {
    }

    /// <summary>An epoch finished (after validation).</summary>
    /// <param name="model">The model being trained.</param>
    /// <param name="epoch">The epoch's number (from 1) and its logs.</param>
    public virtual void OnEpochEnd(ITrainingModel model, EpochResult epoch)
    {
    }

    /// <summary>Training ended (normally or early).</summary>
    /// <param name="model">The model being trained.</param>
    /// <param name="history">Everything recorded.</param>
    public virtual void OnTrainEnd(ITrainingModel model, History history)
    {
    }
}
