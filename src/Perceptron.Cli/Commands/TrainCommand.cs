using System.CommandLine;
using System.Diagnostics;
using Perceptron.Activations;
using Perceptron.Data;
using Perceptron.Optimizers;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary><c>perceptron train DATA</c>: trains a model on a CSV file, IDX images or a built-in data set.</summary>
internal static class TrainCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var data = new Argument<string>("DATA") { Description = "A CSV file (header row), IDX images (with --labels), or a built-in data set (see 'perceptron datasets')." };
        var labels = new Option<string?>("--labels") { Description = "IDX labels file for IDX images (e.g. MNIST's labels-idx1-ubyte.gz)." };
        var target = new Option<string?>("--target") { Description = "Target column: header name or 0-based index (default: the last column)." };
        var task = new Option<string?>("--task") { Description = "classification or regression (default: inferred from the target)." };
        // Every default comes from the library's TabularOptions; the strings are parsed here, at the edge.
        TabularOptions defaults = TabularOptions.Default;
        var layers = Options.LayerSizes("--layers", "Hidden layer sizes, comma-separated.", [.. defaults.Layers]);
        var activation = new Option<string>("--activation") { Description = "Hidden activation: relu, tanh, sigmoid, leaky_relu, elu, gelu, linear.", DefaultValueFactory = _ => defaults.Activation.Name };
        var epochs = Options.Int("--epochs", "Passes over the training data.", defaults.Epochs, minimum: 1);
        var batchSize = Options.Int("--batch-size", "Rows per gradient step.", defaults.BatchSize, minimum: 1);
        var optimizer = new Option<string>("--optimizer") { Description = "sgd, momentum, nesterov, adam, adamw or rmsprop.", DefaultValueFactory = _ => OptimizerFactory.NameOf(defaults.Optimizer) };
        var learningRate = new Option<double?>("--learning-rate") { Description = "Step size (default: 0.001 for adam/adamw/rmsprop, 0.01 for sgd)." };
        var testSplit = Fraction("--test-split", "Fraction of rows held out (stratified) to test the final model.", DefaultTestSplit);
        var validationSplit = Fraction("--validation-split", "Fraction of the training rows held out to validate each epoch.", defaults.ValidationSplit);
        var earlyStopping = new Option<int?>("--early-stopping") { Description = "Stop after PATIENCE epochs without a better validation loss (uses 10% of the training rows for validation unless --validation-split is given)." };
        var scaling = new Option<string>("--scaling") { Description = "Feature scaling fitted on the training rows: standard, minmax or none.", DefaultValueFactory = _ => ScalingName(defaults.Scaling) };
        var dropout = Fraction("--dropout", "Dropout rate after each hidden layer.", defaults.Dropout);
        var l2 = new Option<double>("--l2") { Description = "L2 penalty λ on the weights: λ·Σw² joins the objective (reported apart from the loss, as the penalty).", DefaultValueFactory = _ => defaults.L2 };
        var seed = Options.Int("--seed", "Seed for the split, initialisation, shuffling and dropout.", defaults.Seed, minimum: int.MinValue);
        var threads = Options.Int("--threads", "Threads for the matrix kernels (default: all cores).", Environment.ProcessorCount, minimum: 1);
        var output = new Option<string?>("--out") { Description = "Save the trained model here (JSON, see docs/model-format.md)." };
        var plot = new Option<string?>("--plot") { Description = "Save loss and metric curves here as a PNG." };
        var dropInvalid = new Option<bool>("--drop-invalid-rows") { Description = "Skip CSV rows with missing or non-numeric cells instead of failing." };
        var quiet = new Option<bool>("--quiet") { Description = "Print only errors (and the JSON with --json)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the metrics instead of tables." };
        var clipNorm = Options.OptionalPositiveDouble("--clip-norm", "Rescale the gradients so their global L2 norm is at most this.");
        var clipValue = Options.OptionalPositiveDouble("--clip-value", "Clamp every gradient element to [-value, value].");
        var checkpointDir = new Option<string?>("--checkpoint-dir") { Description = "Save a checkpoint (model, optimizer state, epoch, history) into this folder; resume with --resume." };
        var checkpointEvery = Options.Int("--checkpoint-every", "Epochs between checkpoints (the last epoch is always saved).", defaults.CheckpointEvery, minimum: 1);
        var resume = new Option<string?>("--resume") { Description = "Continue the run checkpointed in this folder (give the same data and options); it keeps checkpointing there unless --checkpoint-dir says otherwise." };

        var command = new Command("train", "Train a model on your data; prints train/validation/test metrics, and saves the model and curves when asked.")
        {
            data, labels, target, task, layers, activation, epochs, batchSize, optimizer, learningRate, testSplit, validationSplit, earlyStopping,
            scaling, dropout, l2, seed, threads, output, plot, dropInvalid, quiet, json, clipNorm, clipValue, checkpointDir, checkpointEvery, resume,
        };
        command.SetAction((parsed, cancellation) => Task.FromResult(Run(console, parsed.GetValue(data)!, parsed.GetValue(labels),
            DataSource.CsvOptions(parsed.GetValue(target), parsed.GetValue(task), parsed.GetValue(dropInvalid)),
            new TabularOptions
            {
                Layers = parsed.GetValue(layers)!,
                Activation = Activation.FromName(parsed.GetValue(activation)!),
                Epochs = parsed.GetValue(epochs),
                BatchSize = parsed.GetValue(batchSize),
                Optimizer = OptimizerFactory.Parse(parsed.GetValue(optimizer)!),
                LearningRate = parsed.GetValue(learningRate),
                ValidationSplit = parsed.GetValue(validationSplit),
                EarlyStoppingPatience = parsed.GetValue(earlyStopping),
                Scaling = ParseScaling(parsed.GetValue(scaling)!),
                Dropout = parsed.GetValue(dropout),
                L2 = parsed.GetValue(l2),
                Seed = parsed.GetValue(seed),
                ClipNorm = parsed.GetValue(clipNorm),
                ClipValue = parsed.GetValue(clipValue),
                CheckpointDirectory = parsed.GetValue(checkpointDir) ?? parsed.GetValue(resume),
                CheckpointEvery = parsed.GetValue(checkpointEvery),
                ResumeFrom = parsed.GetValue(resume),
                CancellationToken = cancellation,
            },
            new TrainOutput(parsed.GetValue(testSplit), parsed.GetValue(threads), parsed.GetValue(output), parsed.GetValue(plot), parsed.GetValue(quiet), parsed.GetValue(json)))));
        return command;
    }

    private static int Run(IAnsiConsole console, string dataPath, string? labelsPath, CsvLoadOptions csv, TabularOptions options, TrainOutput output)
    {
        Engine.MaxThreads = output.Threads;
        CheckPathsBeforeTraining(options, output);
        TabularDataset data = DataSource.Load(dataPath, labelsPath, csv, options.Seed);
        bool classify = data.Task == TaskKind.Classification;
        TabularDataset train = data, test = null!;
        if (output.TestSplit > 0)
        {
            (train, test, _) = DataSplit.HoldOut(data, output.TestSplit, options.Seed);
        }

        if (!output.Quiet && !output.Json)
        {
            string dropped = data.DroppedRows > 0 ? $", {data.DroppedRows} invalid rows dropped" : "";
            console.MarkupLineInterpolated($"[bold]{data.Source}[/]: {data.Rows} rows, {data.FeatureNames.Count} features, {(classify ? $"classification into {data.ClassCount} classes" : "regression")} of '{data.TargetName}'{dropped}");
        }

        var clock = Stopwatch.StartNew();
        TabularTrainingResult result = output.Quiet || output.Json
            ? TabularTrainer.Train(train, options)
            : TrainWithProgress(console, train, options, classify ? "accuracy" : "r2");
        clock.Stop();

        var report = new TrainingReport(
            result.Model.Evaluate(result.TrainRows),
            result.ValidationRows is null ? null : result.Model.Evaluate(result.ValidationRows),
            test is null ? null : result.Model.Evaluate(test),
            result.History, clock.Elapsed, result.Model);
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

        if (output.Json)
        {
            console.Profile.Out.Writer.WriteLine(report.ToJson(output.ModelPath));
        }
        else if (!output.Quiet)
        {
            report.Write(console, output.ModelPath, output.PlotPath);
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
        foreach (var (option, path) in (ReadOnlySpan<(string, string?)>)[("--out", output.ModelPath), ("--plot", output.PlotPath)])
        {
            string? folder = path is null ? null : Path.GetDirectoryName(Path.GetFullPath(path));
            if (path is not null && Directory.Exists(path))
            {
                throw new UserException($"{option} '{path}' is a folder; give a file name such as {Path.Combine(path, option == "--out" ? "model.json" : "curves.png")}.");
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

    private static TabularTrainingResult TrainWithProgress(IAnsiConsole console, TabularDataset train, TabularOptions options, string metric)
    {
        TabularTrainingResult? result = null;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training");
                result = TabularTrainer.Train(train, options with { Callbacks = [.. options.Callbacks, new TrainingDisplay(task, metric)] });
                task.Value = task.MaxValue;
            });
        return result!;
    }

    /// <summary>The command line's own default: a fifth of the rows tests the final model.</summary>
    private const double DefaultTestSplit = 0.2;

    private static string ScalingName(FeatureScaling scaling) => scaling.ToString().ToLowerInvariant();

    private static FeatureScaling ParseScaling(string name) =>
        Enum.GetValues<FeatureScaling>().FirstOrDefault(kind => ScalingName(kind) == name.ToLowerInvariant(), (FeatureScaling)(-1)) is var kind && Enum.IsDefined(kind)
            ? kind
            : throw new ArgumentException($"Unknown scaling '{name}'; expected standard, minmax or none.", nameof(name));

    private static Option<double> Fraction(string name, string description, double defaultValue)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && (!double.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value) || !(value is >= 0 and < 1)))
            {
                result.AddError($"{name} must be a number in [0, 1); got '{result.Tokens[0].Value}'.");
            }
        });
        return option;
    }

    private sealed record TrainOutput(double TestSplit, int Threads, string? ModelPath, string? PlotPath, bool Quiet, bool Json);
}
