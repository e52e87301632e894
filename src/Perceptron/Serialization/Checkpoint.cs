using Perceptron.Training;
using Perceptron.Training.Callbacks;

namespace Perceptron.Serialization;

/// <summary>Saves a <see cref="TrainingCheckpoint"/> every few epochs, so an interrupted run can be resumed exactly.</summary>
/// <remarks>
/// Saves after every <see cref="Every"/>-th epoch, after the last one and after one where a callback stops training,
/// and only after an epoch whose every batch was applied: an epoch cut short by a diverging step is never saved as
/// complete. The state of every <see cref="IStatefulCallback"/> before it in the callbacks list (such as
/// <see cref="EarlyStopping"/>) is saved too; one after it is an error, since its state would lag an epoch behind.
/// Works with float32 models.
/// </remarks>
/// <example>
/// <code>
/// model.Fit(x, y, new TrainingOptions { Epochs = 100, Callbacks = [new Checkpoint("run1", every: 5)] });
/// </code>
/// </example>
/// <param name="directory">The checkpoint folder (created if needed); each save replaces the previous checkpoint.</param>
/// <param name="every">Save after every this many epochs, ≥ 1.</param>
public sealed class Checkpoint(string directory, int every = 1) : Callback
{
    private History _history = new();
    private bool _epochComplete;
    private List<IStatefulCallback> _stateful = [];

    /// <summary>The checkpoint folder.</summary>
    public string Directory { get; } = !string.IsNullOrEmpty(directory) ? directory : throw new ArgumentException("The checkpoint folder must be given.", nameof(directory));

    /// <summary>Epochs between saves.</summary>
    public int Every { get; } = every >= 1 ? every : throw new ArgumentOutOfRangeException(nameof(every), every, "Checkpoints are saved every N ≥ 1 epochs.");

    /// <summary>Wraps the network in the model file to save (to add preprocessing and names); null saves the bare network.</summary>
    public Func<Sequential<float>, ModelDocument>? Describe { get; init; }

    /// <summary>The history of the epochs before the run's initial epoch (a resumed run's <see cref="TrainingCheckpoint.History"/>), so each save holds the whole run.</summary>
    public History? InitialHistory { get; init; }

    /// <summary>Epochs completed at the last save, or null before the first.</summary>
    public int? LastSavedEpoch { get; private set; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">A stateful callback comes after this one, or two share a state name.</exception>
    public override void OnTrainBegin(ITrainingModel model, int epochs, int batchesPerEpoch)
    {
        ArgumentNullException.ThrowIfNull(model);
        _history = InitialHistory?.Then(new History()) ?? new History();
        LastSavedEpoch = null;

        // Callbacks run in list order, so only those before this one have seen an epoch when it is saved.
        var callbacks = model.Callbacks.ToList();
        int self = callbacks.IndexOf(this);
        _stateful = self < 0 ? [] : [.. callbacks.Take(self).OfType<IStatefulCallback>()];
        if (self >= 0 && callbacks.Skip(self + 1).OfType<IStatefulCallback>().FirstOrDefault() is { } late)
        {
            throw new InvalidOperationException($"{late.GetType().Name} comes after Checkpoint in the callbacks; put Checkpoint last, so that it saves their state as of the end of each epoch.");
        }

        if (_stateful.GroupBy(callback => callback.StateName).FirstOrDefault(group => group.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"Two callbacks save their state as '{twice.Key}'; a checkpoint can hold one of each.");
        }
    }

    /// <inheritdoc/>
    public override void OnBatchEnd(ITrainingModel model, in BatchProgress progress) => _epochComplete = progress.Batch == progress.Batches;

    /// <inheritdoc/>
    public override void OnEpochEnd(ITrainingModel model, EpochResult epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        if (!_epochComplete)
        {
            return; // training diverged inside this epoch: the last checkpoint stays the last complete epoch
        }

        _history.Add(epoch.Logs);
        _epochComplete = false;
        if (epoch.Epoch % Every == 0 || epoch.Epoch == epoch.Epochs || model.StopTraining)
        {
            var network = model as Sequential<float> ?? throw new InvalidOperationException("Checkpoint saves float32 models (Sequential<float>).");
            var states = _stateful.ToDictionary(callback => callback.StateName, callback => callback.SaveState(), StringComparer.Ordinal);
            TrainingCheckpoint.Save(Directory, Describe?.Invoke(network) ?? new ModelDocument { Network = network }, epoch.Epoch, _history, states);
            LastSavedEpoch = epoch.Epoch;
        }
    }
}
