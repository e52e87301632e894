namespace Perceptron.Training.Callbacks;

/// <summary>Stops training when a monitored value stops improving, optionally restoring the best weights.</summary>
/// <remarks>
/// Monitors "val_loss" by default, falling back to "loss" when there is no validation data. Values named
/// loss, mse or mae improve downwards; accuracy and r2 improve upwards.
/// </remarks>
/// <param name="patience">Epochs without improvement to tolerate before stopping, ≥ 0.</param>
/// <param name="monitor">The log key to watch.</param>
/// <param name="minDelta">The smallest change that counts as an improvement, ≥ 0.</param>
/// <param name="restoreBestWeights">At the end, put back the weights of the best epoch.</param>
public sealed class EarlyStopping(int patience = 5, string monitor = "val_loss", double minDelta = 0, bool restoreBestWeights = true) : Callback
{
    private double _best;
    private int _wait;
    private object? _bestWeights;
    private string _key = "";

    /// <summary>The log key watched (falling back from "val_x" to "x" without validation data).</summary>
    public string Monitor { get; } = monitor ?? throw new ArgumentNullException(nameof(monitor));

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; } = patience >= 0 ? patience : throw new ArgumentOutOfRangeException(nameof(patience), patience, "Patience must be ≥ 0.");

    /// <summary>The epoch (from 1) with the best monitored value so far.</summary>
    public int BestEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin(ITrainingModel model, int epochs, int batchesPerEpoch)
    {
        (_wait, BestEpoch, _bestWeights, _key) = (0, 0, null, Monitor);
        _best = double.NaN;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(ITrainingModel model, EpochResult epoch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(epoch);
        if (!epoch.Logs.ContainsKey(_key) && _key.StartsWith("val_", StringComparison.Ordinal))
        {
            _key = _key[4..];
        }

        if (!epoch.Logs.TryGetValue(_key, out double value))
        {
            throw new InvalidOperationException($"EarlyStopping monitors '{_key}', which training does not log; it logs {string.Join(", ", epoch.Logs.Keys)}.");
        }

        bool higherIsBetter = _key.EndsWith("accuracy", StringComparison.Ordinal) || _key.EndsWith("r2", StringComparison.Ordinal);
        bool improved = double.IsNaN(_best) || (higherIsBetter ? value > _best + minDelta : value < _best - minDelta);
        if (improved && double.IsFinite(value))
        {
            (_best, _wait, BestEpoch) = (value, 0, epoch.Epoch);
            if (restoreBestWeights)
            {
                _bestWeights = model.SnapshotParameters(_bestWeights);
            }
        }
        else if (++_wait > Patience)
        {
            model.StopTraining = true;
            model.StopReason = $"early stopping: {_key} did not improve for {Patience} epochs (best {_best:G6} at epoch {BestEpoch})";
        }
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(ITrainingModel model, History history)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (restoreBestWeights && _bestWeights is not null)
        {
            model.RestoreParameters(_bestWeights);
        }
    }
}
