using System.Diagnostics;
using System.Globalization;
using Perceptron.Training;
using Perceptron.Training.Callbacks;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>Draws training progress on a Spectre progress task: epoch bar, loss, metric, samples/s, ETA.</summary>
/// <remarks>Refreshes the text at most ten times a second, so drawing costs nothing measurable per step.</remarks>
internal sealed class TrainingDisplay(ProgressTask task, string metricName) : Callback
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = -1_000; // milliseconds; far enough back that the first step draws
    private long _samplesBeforeEpoch;
    private int _epochSamples;
    private string _lastEpoch = "";
    private int _batches = 1;

    public override void OnTrainBegin(ITrainingModel model, int epochs, int batchesPerEpoch)
    {
        task.MaxValue = Math.Max(1, epochs * (double)batchesPerEpoch);
        _batches = batchesPerEpoch;
    }

    public override void OnBatchEnd(ITrainingModel model, in BatchProgress progress)
    {
        task.Value = (progress.Epoch - 1) * (double)_batches + progress.Batch;
        _epochSamples = progress.Samples;
        long now = _clock.ElapsedMilliseconds;
        if (now - _lastDraw < 100)
        {
            return;
        }

        _lastDraw = now;
        double rate = (_samplesBeforeEpoch + progress.Samples) / Math.Max(_clock.Elapsed.TotalSeconds, 1e-9);
        task.Description = Invariant($"epoch {progress.Epoch}/{progress.Epochs}  loss {progress.Loss:0.0000}{_lastEpoch}  {rate:N0} samples/s");
    }

    public override void OnEpochEnd(ITrainingModel model, EpochResult epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        _samplesBeforeEpoch += _epochSamples;
        string validation = epoch.Logs.TryGetValue("val_" + metricName, out double v) ? Invariant($"  val_{metricName} {v:0.0000}") : "";
        _lastEpoch = epoch.Logs.TryGetValue(metricName, out double m) ? Invariant($"  {metricName} {m:0.0000}{validation}") : validation;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
