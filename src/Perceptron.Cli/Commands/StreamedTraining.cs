using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Perceptron.Data;
using Perceptron.Losses;
using Perceptron.Tabular;
using Perceptron.Training;
using Perceptron.Training.Callbacks;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary><c>perceptron train DATA --stream</c>: trains on a CSV file row by row, for files larger than memory.</summary>
internal static class StreamedTraining
{
    /// <summary>Files larger than this fraction of the memory available are streamed without being asked.</summary>
    private const double AutomaticFraction = 0.25;

    /// <summary>How much larger than its file a gzip-compressed CSV is taken to be, for the automatic choice.</summary>
    private const int GzipExpansion = 4;

    /// <summary>Whether to stream: asked for, or the file is larger than a quarter of memory (then <paramref name="note"/> says so).</summary>
    public static bool Chosen(bool asked, string data, string? labels, out string? note) =>
        Chosen(asked, data, labels, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, out note);

    /// <summary>As <see cref="Chosen(bool, string, string?, out string?)"/>, for a machine with <paramref name="memory"/> bytes available.</summary>
    internal static bool Chosen(bool asked, string data, string? labels, long memory, out string? note)
    {
        note = null;
        if (asked || labels is not null || !File.Exists(data))
        {
            return asked;
        }

        long size = new FileInfo(data).Length;
        bool gzip = data.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        if (memory <= 0 || (gzip ? size * GzipExpansion : size) <= memory * AutomaticFraction)
        {
            return false;
        }

        note = $"{Path.GetFileName(data)} is {Gigabytes(size)}{(gzip ? " compressed" : "")}, too large to load into this machine's {Gigabytes(memory)} of memory: streaming it row by row (as --stream does)";
        return true;
    }

    /// <summary>Refuses, before any data is read, what cannot be combined with streaming (exit code 2).</summary>
    public static void CheckOptions(ParseResult parsed, DataOptionSet data, TabularOptions options)
    {
        string source = parsed.GetValue(data.Data)!;
        string? refused =
            parsed.GetValue(data.Labels) is not null ? "--labels (IDX images are loaded into memory)"
            : parsed.GetValue(data.DropInvalidRows) ? "--drop-invalid-rows"
            : options.ResumeFrom is not null ? "--resume"
            : options.CheckpointDirectory is not null ? "--checkpoint-dir"
            : null;
        if (refused is not null)
        {
            throw new UserException($"--stream cannot be combined with {refused}; train in memory, or leave the option out.", CliApp.Usage);
        }

        if (!File.Exists(source))
        {
            throw new UserException($"--stream reads a CSV file, but '{source}' is not a file (built-in data sets are loaded into memory).", CliApp.Usage);
        }
    }

    public static int Run(IAnsiConsole console, TextWriter error, string path, CsvLoadOptions csv, TabularOptions options, StreamingOptions streaming,
        string? note, string? modelPath, string? plotPath, bool quiet, bool json)
    {
        void Say(string line)
        {
            if (json)
            {
                error.WriteLine($"{CliApp.ProgramName}: note: {line}");
            }
            else if (!quiet)
            {
                console.MarkupLineInterpolated($"[grey]note:[/] {line}");
            }
        }

        if (note is not null)
        {
            Say(note);
        }

        if (!quiet && !json)
        {
            string order = streaming.ShuffleBuffer == 0 ? "rows in file order" : $"shuffle buffer {streaming.ShuffleBuffer.ToString("N0", CultureInfo.InvariantCulture)} rows";
            console.MarkupLineInterpolated($"{path}: streaming, a pass for the statistics then one per epoch ({order})");
        }

        var clock = Stopwatch.StartNew();
        StreamingTrainingResult result;
        if (quiet || json)
        {
            result = StreamingTrainer.Train(path, csv, options, streaming);
        }
        else
        {
            result = null!;
            ProgressBars.Run(console, context =>
            {
                var task = context.AddTask("training");
                result = StreamingTrainer.Train(path, csv, options with { Callbacks = [.. options.Callbacks, new Display(task)] }, streaming);
                task.Value = task.MaxValue;
            });
        }

        clock.Stop();
        TabularModel model = result.Model;
        bool classify = model.Task == TaskKind.Classification;
        foreach (string line in result.Notes)
        {
            Say(line);
        }

        if (result.MissingCells > 0)
        {
            Say($"{result.MissingCells.ToString("N0", CultureInfo.InvariantCulture)} missing cells in the training rows imputed ({options.Impute.ToString().ToLowerInvariant()})");
        }

        if (modelPath is not null)
        {
            model.Save(modelPath);
        }

        if (plotPath is not null)
        {
            TrainingPlot.Save(plotPath, result.History, classify ? "accuracy" : "r2",
                $"{Path.GetFileName(path)}: {model.Network}, {options.Activation}, {model.Network.Optimizer!.Name}, {result.History.Epochs} epochs (streamed)", model.Network.Loss!.Name);
        }

        if (json)
        {
            console.Profile.Out.Writer.WriteLine(Json(result, clock.Elapsed, modelPath));
        }
        else if (!quiet)
        {
            string task = classify ? $"classification into {model.ClassNames.Count} classes" : "regression";
            console.MarkupLineInterpolated($"{Rows(result.TrainRows)} training, {Rows(result.ValidationRows)} validation and {Rows(result.TestRows)} test rows, {model.FeatureNames.Count} features, {task} of '{model.TargetName}'");
            foreach (var (name, metrics) in new[] { ("validation", result.ValidationMetrics), ("test", result.TestMetrics) })
            {
                if (metrics is not null)
                {
                    console.MarkupLineInterpolated($"{name}: {string.Join(", ", metrics.Select(m => $"{Label(m.Key, classify)} {NumberText.Metric(m.Value)}"))}");
                }
            }

            console.MarkupLineInterpolated($"{result.History.Epochs} epochs in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; at most {result.PeakBufferedRows.ToString("N0", CultureInfo.InvariantCulture)} rows held in the shuffle buffer");
            if (modelPath is not null)
            {
                console.MarkupLineInterpolated($"Model saved to [bold]{modelPath}[/] ('perceptron info {modelPath}' shows what it records)");
            }

            if (plotPath is not null)
            {
                console.MarkupLineInterpolated($"Curves saved to [bold]{plotPath}[/]");
            }
        }

        if (result.History.Diverged)
        {
            string saved = modelPath is null ? "" : $" The last good model was saved to {modelPath}.";
            throw new UserException($"training stopped: {result.History.StopReason} (see --learning-rate, --scaling, --clip-norm){saved}");
        }

        return CliApp.Ok;
    }

    private static string Json(StreamingTrainingResult result, TimeSpan elapsed, string? modelPath)
    {
        var json = new JsonObject
        {
            ["task"] = result.Model.Task == TaskKind.Classification ? "classification" : "regression",
            ["stream"] = true,
            ["epochs"] = result.History.Epochs,
            ["seconds"] = Math.Round(elapsed.TotalSeconds, 3),
            ["rows"] = new JsonObject { ["train"] = result.TrainRows, ["validation"] = result.ValidationRows, ["test"] = result.TestRows, ["without_target"] = result.RowsWithoutTarget },
            ["peak_buffered_rows"] = result.PeakBufferedRows,
        };
        foreach (var (name, metrics) in new[] { ("validation", result.ValidationMetrics), ("test", result.TestMetrics) })
        {
            if (metrics is not null)
            {
                var values = new JsonObject();
                foreach (var (metric, value) in metrics)
                {
                    values[metric] = double.IsFinite(value) ? value : null;
                }

                json[name] = values;
            }
        }

        if (result.History.StopReason is not null)
        {
            json["stop_reason"] = result.History.StopReason;
        }

        if (modelPath is not null)
        {
            json["model"] = modelPath;
        }

        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Label(string metric, bool classify) => metric == "loss" && !classify ? "loss (standardised)" : metric;

    private static string Rows(long rows) => rows.ToString("N0", CultureInfo.InvariantCulture);

    private static string Gigabytes(long bytes) => (bytes / 1e9).ToString("0.0", CultureInfo.InvariantCulture) + " GB";

    /// <summary>The progress display, with the metric of the task the first pass settles (known when training begins).</summary>
    private sealed class Display(ProgressTask task) : Callback
    {
        private TrainingDisplay? _inner;

        public override void OnTrainBegin(ITrainingModel model, int epochs, int batchesPerEpoch)
        {
            bool regression = model is Sequential<float> { Loss: MeanSquaredError };
            _inner = new TrainingDisplay(task, regression ? "r2" : "accuracy", regression ? "loss (standardised)" : "loss");
            _inner.OnTrainBegin(model, epochs, batchesPerEpoch);
        }

        public override void OnBatchEnd(ITrainingModel model, in BatchProgress progress) => _inner?.OnBatchEnd(model, progress);

        public override void OnEpochEnd(ITrainingModel model, EpochResult epoch) => _inner?.OnEpochEnd(model, epoch);

        public override void OnTrainEnd(ITrainingModel model, History history) => _inner?.OnTrainEnd(model, history);
    }
}
