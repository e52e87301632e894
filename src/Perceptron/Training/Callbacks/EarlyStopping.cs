using System.Globalization;

namespace Perceptron.Training.Callbacks;

/// <summary>Stops training when a monitored value stops improving, optionally restoring the best weights.</summary>
/// <remarks>
/// Monitors "val_loss" by default, falling back to "loss" when there is no validation data. Values named
/// loss, mse or mae improve downwards; accuracy and r2 improve upwards. Its memory (best value and epoch, epochs
/// without improvement, best weights) is saved in checkpoints (<see cref="IStatefulCallback"/>), so a resumed run
/// stops at the same epoch with the same weights as an uninterrupted one.
/// </remarks>
/// <param name="patience">Epochs without improvement to tolerate before stopping, ≥ 0.</param>
/// <param name="monitor">The log key to watch.</param>
/// <param name="minDelta">The smallest change that counts as an improvement, ≥ 0.</param>
/// <param name="restoreBestWeights">At the end, put back the weights of the best epoch.</param>
public sealed class EarlyStopping(int patience = 5, string monitor = "val_loss", double minDelta = 0, bool restoreBestWeights = true) : Callback, IStatefulCallback
{
    private double _best;
    private int _wait;
    private object? _bestWeights;
    private string _key = "";
    private CallbackState? _restored;

    /// <summary>The log key watched (falling back from "val_x" to "x" without validation data).</summary>
    public string Monitor { get; } = monitor ?? throw new ArgumentNullException(nameof(monitor));

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; } = patience >= 0 ? patience : throw new ArgumentOutOfRangeException(nameof(patience), patience, "Patience must be ≥ 0.");

    /// <summary>The epoch (from 1) with the best monitored value so far.</summary>
    public int BestEpoch { get; private set; }

    /// <inheritdoc/>
    public string StateName => "early_stopping";

    /// <inheritdoc/>
    public override void OnTrainBegin(ITrainingModel model, int epochs, int batchesPerEpoch)
    {
        ArgumentNullException.ThrowIfNull(model);
        (_wait, BestEpoch, _bestWeights, _key) = (0, 0, null, Monitor);
        _best = double.NaN;
        if (_restored is { } state)
        {
            // Continue a checkpointed run where it was; a run that had already stopped stops again at once.
            _restored = null;
            (_best, _wait, BestEpoch, _key) = (state.Number("best"), (int)state.Number("wait"), (int)state.Number("best_epoch"), state.Text("key"));
            _bestWeights = state.Arrays.TryGetValue("best_weights", out float[]? weights) ? weights.Clone() : null;
            if (_wait > Patience)
            {
                Stop(model);
            }
        }
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
            Stop(model);
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

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">The best weights are not float32 (a checkpoint holds float32 models).</exception>
    public CallbackState SaveState()
    {
        var state = new CallbackState();
        state.Numbers["patience"] = Patience;
        state.Numbers["min_delta"] = minDelta;
        state.Numbers["restore_best_weights"] = restoreBestWeights ? 1 : 0;
        state.Numbers["best"] = _best;
        state.Numbers["wait"] = _wait;
        state.Numbers["best_epoch"] = BestEpoch;
        state.Texts["monitor"] = Monitor;
        state.Texts["key"] = _key;
        if (_bestWeights is not null)
        {
            state.Arrays["best_weights"] = (float[])((_bestWeights as float[])?.Clone() ?? throw new NotSupportedException("EarlyStopping's state can be saved for float32 models only."));
        }

        return state;
    }

    /// <inheritdoc/>
    public void RestoreState(CallbackState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        string saved = Settings(state.Number("patience"), state.Text("monitor"), state.Number("min_delta"), state.Number("restore_best_weights") != 0);
        string mine = Settings(Patience, Monitor, minDelta, restoreBestWeights);
        if (saved != mine)
        {
            throw new ArgumentException($"The checkpoint's early stopping has {saved} but this run's has {mine}; resume with the same settings.", nameof(state));
        }

        foreach (string counter in (string[])["wait", "best_epoch"])
        {
            if (state.Number(counter) is not (>= 0 and <= int.MaxValue) || state.Number(counter) % 1 != 0)
            {
                throw new ArgumentException($"The checkpoint's early stopping has {counter} = {state.Number(counter).ToString(CultureInfo.InvariantCulture)}; expected a whole number ≥ 0.", nameof(state));
            }
        }

        _ = (state.Number("best"), state.Text("key"));
        _restored = state;
    }

    private void Stop(ITrainingModel model)
    {
        model.StopTraining = true;
        model.StopReason = string.Create(CultureInfo.InvariantCulture, $"early stopping: {_key} did not improve for {Patience} epochs (best {_best:G6} at epoch {BestEpoch})");
    }

    private static string Settings(double patience, string monitor, double minDelta, bool restoreBestWeights) =>
        string.Create(CultureInfo.InvariantCulture, $"patience {patience}, monitor '{monitor}', min delta {minDelta}, {(restoreBestWeights ? "restoring" : "not restoring")} the best weights");
}
