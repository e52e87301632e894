using System.Diagnostics;
using System.Globalization;
using Perceptron.Training;
using Perceptron.Training.Callbacks;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>Draws training progress on a Spectre progress task: epoch bar, training objective, metric, samples/s, ETA.</summary>
/// <remarks>Refreshes the text at most ten times a second, so drawing costs nothing measurable per step; the last epoch
/// is always drawn, so the final line shows the final epoch at 100%.</remarks>
internal sealed class TrainingDisplay(ProgressTask task, string metricName, string lossLabel = "loss") : Callback
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = -1_000; // milliseconds; far enough back that the first step draws
    private long _samplesBeforeEpoch;
    private int _epochSamples;
    private string _lastEpoch = "";
    private int _batches = 1;
    private BatchProgress _last;

    public override void OnTrainBegin(ITrainingModel model, int epochs, int batchesPerEpoch)
    {
        task.MaxValue = Math.Max(1, epochs * (double)batchesPerEpoch);
        _batches = batchesPerEpoch;
    }

    public override void OnBatchEnd(ITrainingModel model, in BatchProgress progress)
    {
        task.Value = (progress.Epoch - 1) * (double)_batches + progress.Batch;
        _epochSamples = progress.Samples;
        _last = progress;
        long now = _clock.ElapsedMilliseconds;
        if (now - _lastDraw >= 100)
        {
            _lastDraw = now;
            Draw(progress, _samplesBeforeEpoch + progress.Samples);
        }
    }

    public override void OnEpochEnd(ITrainingModel model, EpochResult epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        _samplesBeforeEpoch += _epochSamples;
        string validation = epoch.Logs.TryGetValue("val_" + metricName, out double v) ? Invariant($"  val_{metricName} {NumberText.Metric(v)}") : "";
        _lastEpoch = epoch.Logs.TryGetValue(metricName, out double m) ? Invariant($"  {metricName} {NumberText.Metric(m)}{validation}") : validation;
    }

    public override void OnTrainEnd(ITrainingModel model, History history)
    {
        // The throttle may have skipped the last steps: draw the final state, and fill the bar when training stopped early.
        if (_last.Epochs > 0)
        {
            Draw(_last, _samplesBeforeEpoch);
        }

        task.Value = task.MaxValue;
    }

    private void Draw(in BatchProgress progress, long samples)
    {
        double rate = samples / Math.Max(_clock.Elapsed.TotalSeconds, 1e-9);
        task.Description = Markup.Escape(Invariant($"epoch {progress.Epoch}/{progress.Epochs}  {lossLabel} {NumberText.Metric(progress.Loss)}{_lastEpoch}  {rate:N0} samples/s"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
