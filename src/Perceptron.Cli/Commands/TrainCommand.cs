using System.CommandLine;
using System.Diagnostics;
using Perceptron.Cli.Pictures;
using Perceptron.Data;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary><c>perceptron train DATA</c>: trains a model on a CSV file, IDX images or a built-in data set.</summary>
internal static class TrainCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var data = new DataOptionSet();
        var training = new TrainingOptionSet();
        TabularOptions defaults = TabularOptions.Default;
        var testSplit = Options.Fraction("--test-split", "Fraction of rows held out (stratified) to test the final model.", DefaultTestSplit);
        var output = new Option<string?>("--out") { Description = "Save the trained model here (JSON, see docs/model-format.md)." };
        var plot = new Option<string?>("--plot") { Description = "Save loss and metric curves here as a PNG." };
        var animate = new Option<string?>("--animate") { Description = "Data with two features: save the decision regions (or values) as training goes as an animated GIF here, one frame per chosen epoch, and the frames as PNGs in a folder of the same name." };
        var quiet = new Option<bool>("--quiet") { Description = "Print only errors (and the JSON with --json)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the metrics instead of tables." };
        var checkpointDir = new Option<string?>("--checkpoint-dir") { Description = "Save a checkpoint (model, optimizer state, epoch, history) into this folder; resume with --resume." };
        var checkpointEvery = Options.Int("--checkpoint-every", "Epochs between checkpoints (the last epoch is always saved).", defaults.CheckpointEvery, minimum: 1);
        var resume = new Option<string?>("--resume") { Description = "Continue the run checkpointed in this folder (give the same data and options); it keeps checkpointing there unless --checkpoint-dir says otherwise." };
        var stream = new Option<bool>("--stream") { Description = "Read the CSV file row by row, for files larger than memory: a pass for the statistics, then one per epoch through a shuffle buffer (automatic for a file larger than a quarter of memory)." };
        var shuffleBuffer = Options.Int("--shuffle-buffer", "With --stream, rows held for shuffling (0 keeps the file order).", StreamingOptions.DefaultShuffleBuffer, minimum: 0);

        var command = new Command("train", "Train a model on your data; prints train/validation/test metrics, and saves the model and curves when asked.");
        data.AddTo(command);
        training.AddTo(command);
        foreach (Option option in (Option[])[testSplit, output, plot, animate, quiet, json, checkpointDir, checkpointEvery, resume, stream, shuffleBuffer])
        {
            command.Options.Add(option);
        }

        command.SetAction((parsed, cancellation) => Task.FromResult(Run(console, error, parsed, data,
            data.WithPreprocessing(parsed, training.Read(parsed, cancellation)) with
            {
                TestSplit = parsed.GetValue(testSplit),
                CheckpointDirectory = parsed.GetValue(checkpointDir) ?? parsed.GetValue(resume),
                CheckpointEvery = parsed.GetValue(checkpointEvery),
                ResumeFrom = parsed.GetValue(resume),
            },
            new TrainOutput(parsed.GetValue(training.Threads), parsed.GetValue(output), parsed.GetValue(plot), parsed.GetValue(quiet), parsed.GetValue(json))
            {
                Stream = parsed.GetValue(stream),
                AnimationPath = parsed.GetValue(animate),
                ShuffleBuffer = parsed.GetResult(shuffleBuffer) is { Implicit: false } ? parsed.GetValue(shuffleBuffer) : null,
            })));
        return command;
    }

    private static int Run(IAnsiConsole console, TextWriter error, ParseResult parsed, DataOptionSet dataOptions, TabularOptions options, TrainOutput output)
    {
        Engine.MaxThreads = output.Threads;
        string source = parsed.GetValue(dataOptions.Data)!;
        bool streamed = StreamedTraining.Chosen(output.Stream, source, parsed.GetValue(dataOptions.Labels), out string? note);
        if (streamed)
        {
            StreamedTraining.CheckOptions(parsed, dataOptions, options);
        }
        if (streamed && output.AnimationPath is not null)
        {
            throw new UserException("--animate keeps the network after each chosen epoch to draw it over the training rows; it cannot be combined with --stream.", CliApp.Usage);
        }

        if (!streamed && output.ShuffleBuffer is not null)
        {
            throw new UserException("--shuffle-buffer applies only with --stream (training in memory shuffles every row).", CliApp.Usage);
        }

        CheckPathsBeforeTraining(options, output);
        if (streamed)
        {
            var streaming = new StreamingOptions { ShuffleBuffer = output.ShuffleBuffer ?? StreamingOptions.DefaultShuffleBuffer };
            return StreamedTraining.Run(console, error, source, dataOptions.Csv(parsed), options, streaming, note, output.ModelPath, output.PlotPath, output.Quiet, output.Json);
        }

        TabularDataset data = dataOptions.Load(parsed, options.Seed);
        TrainingOptionSet.CheckAgainst(options, data);
        bool classify = data.Task == TaskKind.Classification;
        if (!output.Quiet && !output.Json)
        {
            console.MarkupLineInterpolated($"{DataSource.Describe(data)}");
        }

        DataOptionSet.Report(console, error, data, options.Impute, output.Quiet, output.Json);

        FrameRecorder? frames = null;
        if (output.AnimationPath is not null)
        {
            CheckAnimatable(data);
            frames = new FrameRecorder(TrainingAnimation.FrameEpochs(options.Epochs));
            options = options with { Callbacks = [.. options.Callbacks, frames] };
        }

        var clock = Stopwatch.StartNew();
        TabularTrainingResult result = output.Quiet || output.Json
            ? TabularTrainer.Train(data, options)
            : TrainWithProgress(console, data, options, classify ? "accuracy" : "r2");
        clock.Stop();

        var report = new TrainingReport(result, clock.Elapsed);
        if (output.ModelPath is not null)
        {
            result.Model.Save(output.ModelPath);
        }

        if (output.PlotPath is not null)
        {
            var network = result.Model.Network;
            TrainingPlot.Save(output.PlotPath, result.History, classify ? "accuracy" : "r2",
                $"{data.Source}: {network}, {options.Activation}, {network.Optimizer!.Name}, {result.History.Epochs} epochs", network.Loss!.Name);
        }

        if (frames is not null && frames.Snapshots.Count > 0)
        {
            string path = output.AnimationPath!;
            string folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path));
            TrainingAnimation.Write(result.Model, frames.Snapshots, result.TrainRows, $"{data.Source}: {result.Model.Network}", folder, path);
        }

        if (output.Json)
        {
            console.Profile.Out.Writer.WriteLine(report.ToJson(output.ModelPath));
        }
        else if (!output.Quiet)
        {
            report.Write(console, output.ModelPath, output.PlotPath);
            if (frames is { Snapshots.Count: > 0 })
            {
                console.MarkupLineInterpolated($"Training animation ({frames.Snapshots.Count} frames) saved to {output.AnimationPath}, its frames to {Path.GetFileNameWithoutExtension(output.AnimationPath)}/ beside it");
            }
        }

        if (result.History.Diverged)
        {
            // One line on stderr and exit code 1; the weights of the last good step were saved above when --out was given.
            string saved = output.ModelPath is null ? "" : $" The last good model was saved to {output.ModelPath}.";
            throw new UserException($"training stopped: {result.History.StopReason} (see --learning-rate, --scaling, --clip-norm){saved}");
        }

        return CliApp.Ok;
    }

    /// <summary>Fails before any work when an output folder or the checkpoint to resume from is missing: not after an hour of training.</summary>
    private static void CheckPathsBeforeTraining(TabularOptions options, TrainOutput output)
    {
        if (output.AnimationPath is string gif && !gif.EndsWith(".gif", StringComparison.OrdinalIgnoreCase))
        {
            throw new UserException($"--animate '{gif}': give a file name ending in .gif, such as training.gif.", CliApp.Usage);
        }

        foreach (var (option, path) in (ReadOnlySpan<(string, string?)>)[("--out", output.ModelPath), ("--plot", output.PlotPath), ("--animate", output.AnimationPath)])
        {
            string? folder = path is null ? null : Path.GetDirectoryName(Path.GetFullPath(path));
            if (path is not null && Directory.Exists(path))
            {
                string example = option switch { "--out" => "model.json", "--plot" => "curves.png", _ => "training.gif" };
                throw new UserException($"{option} '{path}' is a folder; give a file name such as {Path.Combine(path, example)}.");
            }

            if (folder is not null && !Directory.Exists(folder))
            {
                throw new UserException($"{option} '{path}': the folder '{folder}' does not exist; create it first.");
            }
        }

        if (options.ResumeFrom is string resume && !TrainingCheckpoint.Exists(resume))
        {
            throw new UserException($"--resume '{resume}' holds no checkpoint ({TrainingCheckpoint.StateFileName} is missing); give the folder passed to --checkpoint-dir.");
        }
    }

    /// <summary>The regions are drawn over the plane of the two raw features, so the data must have exactly two numeric ones.</summary>
    private static void CheckAnimatable(TabularDataset data)
    {
        if (data.FeatureNames.Count != 2 || data.Columns.Any(column => column.Kind != ColumnKind.Numeric))
        {
            throw new UserException($"--animate draws the regions over a plane of two numeric features; {data.Source} has {data.FeatureNames.Count} feature column(s){(data.Columns.Any(column => column.Kind != ColumnKind.Numeric) ? ", not all numeric" : "")}. Choose two with --features, or leave out --animate.", CliApp.Usage);
        }
    }

    private static TabularTrainingResult TrainWithProgress(IAnsiConsole console, TabularDataset train, TabularOptions options, string metric)
    {
        TabularTrainingResult? result = null;
        ProgressBars.Run(console, context =>
        {
            var task = context.AddTask("training");
            result = TabularTrainer.Train(train, options with { Callbacks = [.. options.Callbacks, new TrainingDisplay(task, metric, LossLabel(train))] });
            task.Value = task.MaxValue;
        });
        return result!;
    }

    /// <summary>What the progress line's loss is: the data loss (the L2 penalty is shown beside it), on the standardised
    /// target for regression.</summary>
    private static string LossLabel(TabularDataset train) => train.Task == TaskKind.Regression ? "loss (standardised)" : "loss";

    /// <summary>The command line's own default: a fifth of the rows tests the final model.</summary>
    private const double DefaultTestSplit = 0.2;

    private sealed record TrainOutput(int Threads, string? ModelPath, string? PlotPath, bool Quiet, bool Json)
    {
        public bool Stream { get; init; }

        public int? ShuffleBuffer { get; init; }

        public string? AnimationPath { get; init; }
    }
}
