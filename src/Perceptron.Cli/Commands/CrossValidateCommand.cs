using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Perceptron.Data;
using Perceptron.Tabular;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary><c>perceptron cv DATA -k 5</c>: k-fold cross-validation, each metric's mean ± standard deviation and a table per fold.</summary>
internal static class CrossValidateCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var data = new DataOptionSet();
        var training = new TrainingOptionSet();
        var folds = Options.Int("--folds", "Number of folds k: k models, each tested on the fifth (k = 5) of the rows it did not see.", 5, minimum: 2);
        folds.Aliases.Add("-k");
        var quiet = new Option<bool>("--quiet") { Description = "Print only errors (and the JSON with --json)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with every fold's metrics and their mean and standard deviation." };
        var command = new Command("cv", "Cross-validate: train k models, each on all folds but one, and test each on the fold it did not see (stratified for classification).");
        data.AddTo(command);
        command.Options.Add(folds);
        training.AddTo(command);
        command.Options.Add(quiet);
        command.Options.Add(json);
        command.SetAction((parsed, cancellation) =>
        {
            Engine.MaxThreads = parsed.GetValue(training.Threads);
            TabularOptions options = data.WithPreprocessing(parsed, training.Read(parsed, cancellation));
            TabularDataset rows = data.Load(parsed, options.Seed);
            TrainingOptionSet.CheckAgainst(options, rows);
            return Task.FromResult(Run(console, error, rows, options, parsed.GetValue(folds), parsed.GetValue(quiet), parsed.GetValue(json)));
        });
        return command;
    }

    private static int Run(IAnsiConsole console, TextWriter error, TabularDataset data, TabularOptions options, int folds, bool quiet, bool json)
    {
        if (data.Rows < folds)
        {
            throw new UserException($"--folds {folds} needs at least {folds} rows; {data.Source} has {data.Rows}.", CliApp.Usage);
        }

        if (!quiet && !json)
        {
            console.MarkupLineInterpolated($"{DataSource.Describe(data)}; {folds}-fold{(data.Task == TaskKind.Classification ? " stratified" : "")} cross-validation");
        }

        DataOptionSet.Report(console, error, data, options.Impute, quiet, json);

        CrossValidationResult result = null!;
        if (quiet || json)
        {
            result = CrossValidation.Run(data, options, folds);
        }
        else
        {
            ProgressBars.Run(console, context =>
            {
                var task = context.AddTask($"fold 1/{folds}", maxValue: folds * (double)options.Epochs);
                var progress = new SyncProgress<CrossValidationFold>(fold => task.Description = $"fold {Math.Min(fold.Fold + 1, folds)}/{folds}");
                result = CrossValidation.Run(data, options with { Callbacks = [.. options.Callbacks, new EpochTicker(task)] }, folds, progress);
                task.Value = task.MaxValue;
            });
        }

        if (json)
        {
            console.Profile.Out.Writer.WriteLine(ToJson(result, data).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else if (!quiet)
        {
            Write(console, result, data);
        }

        return CliApp.Ok;
    }

    private static void Write(IAnsiConsole console, CrossValidationResult result, TabularDataset data)
    {
        IReadOnlyList<string> columns = MetricsView.Columns(data.Task, data.ClassCount == 2);
        var table = new Table().AddColumn("fold").AddColumn(new TableColumn("train rows").RightAligned()).AddColumn(new TableColumn("test rows").RightAligned());
        foreach (string column in columns)
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var fold in result.Folds)
        {
            var metrics = fold.Evaluation.ToDictionary();
            table.AddRow([Invariant(fold.Fold), Invariant(fold.TrainRows), Invariant(fold.TestRows), .. columns.Select(c => NumberText.Metric(metrics.GetValueOrDefault(c, double.NaN)))]);
        }

        table.AddRow(["[bold]mean[/]", "", "", .. columns.Select(c => $"[bold]{NumberText.Metric(result.Mean.GetValueOrDefault(c, double.NaN))}[/]")]);
        table.AddRow(["± std", "", "", .. columns.Select(c => NumberText.Metric(result.StandardDeviation.GetValueOrDefault(c, double.NaN)))]);
        console.Write(table);
        string headline = columns[0];
        console.MarkupLineInterpolated($"{headline}: [bold]{NumberText.Metric(result.Mean[headline])} ± {NumberText.Metric(result.StandardDeviation[headline])}[/] (mean ± standard deviation over {result.Folds.Count} folds)");
        console.MarkupLineInterpolated($"[grey]{MetricsView.Legend(data.Task, classWeighted: false)} Every metric, with precision and recall, is in --json.[/]");
        int diverged = result.Folds.Count(fold => fold.Outcome == Training.TrainingOutcome.Diverged);
        if (diverged > 0)
        {
            console.MarkupLineInterpolated($"[yellow]{diverged} of {result.Folds.Count} folds diverged (the loss became NaN or infinite); see --learning-rate, --scaling, --clip-norm.[/]");
        }
    }

    /// <summary>The JSON: task, folds, stratified, metrics (each metric's mean and std) and per_fold (each fold's rows, epochs, outcome and metrics).</summary>
    private static JsonObject ToJson(CrossValidationResult result, TabularDataset data)
    {
        var summary = new JsonObject();
        foreach (var (name, mean) in result.Mean)
        {
            double deviation = result.StandardDeviation[name];
            summary[name] = new JsonObject { ["mean"] = Finite(mean), ["std"] = Finite(deviation) };
        }

        var folds = new JsonArray();
        foreach (var fold in result.Folds)
        {
            JsonObject metrics = MetricsView.Json(fold.Evaluation, data.ClassNames ?? []);
            metrics.Remove("rows");
            var entry = new JsonObject
            {
                ["fold"] = fold.Fold,
                ["train_rows"] = fold.TrainRows,
                ["test_rows"] = fold.TestRows,
                ["epochs"] = fold.Epochs,
                ["outcome"] = MetricsView.OutcomeName(fold.Outcome),
            };
            foreach (var (name, value) in metrics.ToList())
            {
                metrics.Remove(name);
                entry[name] = value;
            }

            folds.Add(entry);
        }

        return new JsonObject
        {
            ["task"] = data.Task == TaskKind.Classification ? "classification" : "regression",
            ["data"] = data.Source,
            ["rows"] = data.Rows,
            ["folds"] = result.Folds.Count,
            ["stratified"] = result.Stratified,
            ["metrics"] = summary,
            ["per_fold"] = folds,
        };
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
