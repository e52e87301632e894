using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Perceptron.Data;
using Perceptron.Tabular;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary><c>perceptron tune DATA</c>: random or grid search over layers, learning rate, dropout, L2 and batch size, then
/// the best settings trained into a model tested on rows the search never saw.</summary>
internal static class TuneCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var data = new DataOptionSet();
        var training = new TrainingOptionSet(search: true);
        var tuning = new TuningOptions();
        var search = Options.Choice("--search", "random (a seeded sample of the combinations, up to --trials) or grid (every combination).", ["random", "grid"], "random");
        var trials = Options.Int("--trials", "The most trials to run (grid search fails if it has more combinations).", tuning.Trials, minimum: 1);
        var folds = Options.Int("--folds", "Score each trial by k-fold cross-validation with this many folds.", tuning.Folds, minimum: 2);
        folds.Aliases.Add("-k");
        var holdout = Options.Fraction("--holdout", "Score each trial on this fraction of the tuning rows instead (one training per trial: faster, noisier); 0 uses --folds.", 0);
        var metric = new Option<string?>("--metric") { Description = "The metric that picks the best trial (default: accuracy, or r2 for regression); losses and errors are minimised." };
        var testSplit = Options.Fraction("--test-split", "Fraction of rows held out before the search, to test the best model on rows no trial saw.", 0.2);
        var output = new Option<string?>("--out") { Description = "Save the model trained with the best settings here." };
        var quiet = new Option<bool>("--quiet") { Description = "Print only errors (and the JSON with --json)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with every trial, the best settings and the final model's metrics." };

        var command = new Command("tune", "Search layers, learning rate, dropout, L2 and batch size (give several values to any of them); prints every trial, the best settings, and trains the best model.");
        data.AddTo(command);
        training.AddTo(command);
        foreach (Option option in (Option[])[search, trials, folds, holdout, metric, testSplit, output, quiet, json])
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            string? name = result.GetValue(metric);
            string[] known = [.. TabularEvaluation.MetricNames(TaskKind.Classification).Concat(TabularEvaluation.MetricNames(TaskKind.Regression)).Distinct()];
            if (name is not null && !known.Contains(name))
            {
                string? suggestion = Suggestions.Closest(name, known);
                result.AddError($"--metric must be one of {string.Join(", ", known)}; got '{name}'{(suggestion is null ? "." : $"; did you mean '{suggestion}'?")}");
            }

            if (result.GetResult(holdout) is { Implicit: false } && result.GetResult(folds) is { Implicit: false })
            {
                result.AddError("give --folds or --holdout, not both: a trial is scored by cross-validation or on one held-out part.");
            }
        });
        command.SetAction((parsed, cancellation) =>
        {
            Engine.MaxThreads = parsed.GetValue(training.Threads);
            var settings = new TuneSettings(
                data.WithPreprocessing(parsed, training.Read(parsed, cancellation)) with { TestSplit = parsed.GetValue(testSplit) },
                training.ReadSpace(parsed),
                new TuningOptions
                {
                    Strategy = parsed.GetValue(search) == "grid" ? SearchStrategy.Grid : SearchStrategy.Random,
                    Trials = parsed.GetValue(trials),
                    Folds = parsed.GetValue(folds),
                    ValidationSplit = parsed.GetValue(holdout),
                    Metric = parsed.GetValue(metric),
                },
                parsed.GetValue(output), parsed.GetValue(quiet), parsed.GetValue(json));
            CheckBeforeData(settings);
            TabularDataset rows = data.Load(parsed, settings.Options.Seed);
            TrainingOptionSet.CheckAgainst(settings.Options, rows);
            return Task.FromResult(Run(console, error, rows, settings));
        });
        return command;
    }

    /// <summary>What can be checked before reading the data: the grid's size against the budget, the output folder.</summary>
    private static void CheckBeforeData(TuneSettings settings)
    {
        long combinations = settings.Space.Combinations;
        if (settings.Tuning.Strategy == SearchStrategy.Grid && combinations > settings.Tuning.Trials)
        {
            throw new UserException($"the grid has {combinations} combinations, more than --trials {settings.Tuning.Trials}; give fewer values to --layers, --learning-rate, --dropout, --l2 or --batch-size, raise --trials, or use --search random.", CliApp.Usage);
        }

        if (settings.ModelPath is string path && Path.GetDirectoryName(Path.GetFullPath(path)) is string folder && !Directory.Exists(folder))
        {
            throw new UserException($"--out '{path}': the folder '{folder}' does not exist; create it first.");
        }
    }

    /// <summary>Too few rows for the folds is a usage error (as in <c>cv</c>), caught before any trial trains.</summary>
    private static void CheckFoldsFit(TabularDataset data, TuneSettings settings)
    {
        int folds = settings.Tuning.Folds;
        if (settings.Tuning.ValidationSplit > 0 || folds < 2 || data.Rows < 2)
        {
            return;
        }

        int left = settings.Options.TestSplit > 0 ? DataSplit.HoldOut(data, settings.Options.TestSplit, settings.Options.Seed).Train.Rows : data.Rows;
        if (left < folds)
        {
            string after = left < data.Rows ? $", and the test split leaves {left} of them to tune on" : "";
            throw new UserException($"--folds {folds} needs at least {folds} rows to tune on; {data.Source} has {data.Rows} rows{after}. Use fewer folds, a smaller --test-split or more data.", CliApp.Usage);
        }
    }

    private static int Run(IAnsiConsole console, TextWriter error, TabularDataset data, TuneSettings settings)
    {
        string metric = settings.Tuning.Metric ?? (data.Task == TaskKind.Classification ? "accuracy" : "r2");
        if (!TabularEvaluation.MetricNames(data.Task).Contains(metric) || (metric == "roc_auc" && data.ClassCount != 2))
        {
            string which = metric == "roc_auc" ? "roc_auc needs two classes" : $"{metric} is not a {data.Task.ToString().ToLowerInvariant()} metric";
            throw new UserException($"--metric {metric}: {which}; {data.Source} is {(data.Task == TaskKind.Classification ? $"a classification into {data.ClassCount} classes" : "a regression")}, whose metrics are {string.Join(", ", TabularEvaluation.MetricNames(data.Task))}.", CliApp.Usage);
        }

        CheckFoldsFit(data, settings);
        int planned = (int)Math.Min(settings.Space.Combinations, settings.Tuning.Trials);
        string scoring = settings.Tuning.ValidationSplit > 0
            ? string.Create(CultureInfo.InvariantCulture, $"a {settings.Tuning.ValidationSplit:0.##} validation part")
            : $"{settings.Tuning.Folds}-fold cross-validation";
        if (!settings.Quiet && !settings.Json)
        {
            console.MarkupLineInterpolated($"{DataSource.Describe(data)}");
            console.MarkupLineInterpolated($"{(settings.Tuning.Strategy == SearchStrategy.Grid ? "Grid" : "Random")} search: {planned} of {settings.Space.Combinations} combinations, each scored by {metric} on {scoring}; {settings.Options.TestSplit:0.##} of the rows held out to test the best model");
        }

        DataOptionSet.Report(console, error, data, settings.Options.Impute, settings.Quiet, settings.Json);

        TuningResult result = null!;
        if (settings.Quiet || settings.Json)
        {
            result = HyperparameterSearch.Run(data, settings.Options, settings.Space, settings.Tuning);
        }
        else
        {
            ProgressBars.Run(console, context =>
            {
                int trainings = settings.Tuning.ValidationSplit > 0 ? 1 : settings.Tuning.Folds;
                var task = context.AddTask($"trial 1/{planned}", maxValue: ((planned * trainings) + 1) * (double)settings.Options.Epochs);
                double best = double.NaN;
                var progress = new SyncProgress<TuningTrial>(trial =>
                {
                    best = double.IsNaN(best) || (TabularEvaluation.HigherIsBetter(metric) ? trial.Score > best : trial.Score < best) ? trial.Score : best;
                    task.Description = trial.Number < planned
                        ? $"trial {trial.Number + 1}/{planned}, best {metric} {NumberText.Metric(best)}"
                        : $"training the best model, {metric} {NumberText.Metric(best)}";
                });
                result = HyperparameterSearch.Run(data, settings.Options with { Callbacks = [.. settings.Options.Callbacks, new EpochTicker(task)] }, settings.Space, settings.Tuning, progress);
                task.Value = task.MaxValue;
            });
        }

        if (settings.ModelPath is not null)
        {
            result.Final!.Model.Save(settings.ModelPath);
        }

        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(ToJson(result, data, settings, scoring).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else if (!settings.Quiet)
        {
            Write(console, result, data, settings.ModelPath);
        }

        return CliApp.Ok;
    }

    private static void Write(IAnsiConsole console, TuningResult result, TabularDataset data, string? modelPath)
    {
        string metric = result.Metric;
        var table = new Table().AddColumn(new TableColumn("rank").RightAligned()).AddColumn(new TableColumn("trial").RightAligned()).AddColumn("layers")
            .AddColumn(new TableColumn("learning rate").RightAligned()).AddColumn(new TableColumn("dropout").RightAligned()).AddColumn(new TableColumn("l2").RightAligned())
            .AddColumn(new TableColumn("batch").RightAligned()).AddColumn(new TableColumn(metric).RightAligned()).AddColumn(new TableColumn("± std").RightAligned())
            .AddColumn(new TableColumn("seconds").RightAligned());
        int rank = 0;
        foreach (var trial in Ranked(result))
        {
            TabularOptions o = trial.Options;
            string Cell(string text) => trial == result.Best ? $"[bold green]{Markup.Escape(text)}[/]" : Markup.Escape(text);
            table.AddRow(
                Cell(Invariant($"{++rank}")), Cell(Invariant($"{trial.Number}")), Cell(string.Join(",", o.Layers)), Cell(Invariant($"{o.LearningRate}")), Cell(Invariant($"{o.Dropout}")),
                Cell(Invariant($"{o.L2}")), Cell(Invariant($"{o.BatchSize}")), Cell(NumberText.Metric(trial.Score)), Cell(NumberText.Metric(trial.ScoreDeviation)), Cell(Invariant($"{trial.Seconds:0.0}")));
        }

        console.Write(table);
        TabularOptions best = result.Best.Options;
        console.MarkupLineInterpolated($"Best (trial {result.Best.Number}): [bold]--layers {string.Join(",", best.Layers)} --learning-rate {Invariant($"{best.LearningRate}")} --dropout {Invariant($"{best.Dropout}")} --l2 {Invariant($"{best.L2}")} --batch-size {best.BatchSize}[/], {metric} {NumberText.Metric(result.Best.Score)}");
        if (result.Final is { } final)
        {
            console.MarkupLine("The best settings trained on all the tuning rows, tested on the rows held out before the search:");
            console.Write(MetricsView.Table([("train", final.TrainEvaluation), ("validation", final.ValidationEvaluation), ("test", final.TestEvaluation)]));
            console.MarkupLineInterpolated($"[grey]{MetricsView.Legend(data.Task, final.Model.Loss is Losses.SparseCategoricalCrossEntropy { ClassWeights: not null })}[/]");
        }

        if (modelPath is not null)
        {
            console.MarkupLineInterpolated($"Model saved to [bold]{modelPath}[/]");
        }
    }

    /// <summary>Best first; trials whose score is NaN (diverged) last.</summary>
    private static IEnumerable<TuningTrial> Ranked(TuningResult result) =>
        result.Trials.OrderBy(t => double.IsNaN(t.Score)).ThenBy(t => result.HigherIsBetter ? -t.Score : t.Score).ThenBy(t => t.Number);

    /// <summary>The JSON: task, metric, higher_is_better, search, scoring, combinations, trials (each with its settings,
    /// score, score_std, seconds and metrics), best (the same for the best trial), final (train/validation/test metrics of
    /// the best settings' model) and model (where it was saved).</summary>
    private static JsonObject ToJson(TuningResult result, TabularDataset data, TuneSettings settings, string scoring)
    {
        JsonObject Trial(TuningTrial trial)
        {
            var metrics = new JsonObject();
            foreach (var (name, value) in trial.Metrics)
            {
                metrics[name] = double.IsFinite(value) ? value : null;
            }

            return new JsonObject
            {
                ["trial"] = trial.Number,
                ["layers"] = new JsonArray([.. trial.Options.Layers.Select(units => (JsonNode)units)]),
                ["learning_rate"] = trial.Options.LearningRate,
                ["dropout"] = trial.Options.Dropout,
                ["l2"] = trial.Options.L2,
                ["batch_size"] = trial.Options.BatchSize,
                ["score"] = double.IsFinite(trial.Score) ? trial.Score : null,
                ["score_std"] = double.IsFinite(trial.ScoreDeviation) ? trial.ScoreDeviation : null,
                ["seconds"] = Math.Round(trial.Seconds, 3),
                ["metrics"] = metrics,
            };
        }

        var json = new JsonObject
        {
            ["task"] = data.Task == TaskKind.Classification ? "classification" : "regression",
            ["data"] = data.Source,
            ["metric"] = result.Metric,
            ["higher_is_better"] = result.HigherIsBetter,
            ["search"] = settings.Tuning.Strategy == SearchStrategy.Grid ? "grid" : "random",
            ["scoring"] = scoring,
            ["combinations"] = result.Combinations,
            ["trials"] = new JsonArray([.. result.Trials.Select(Trial)]),
            ["best"] = Trial(result.Best),
        };
        if (result.Final is { } final)
        {
            var finalJson = new JsonObject();
            foreach (var (name, evaluation) in new[] { ("train", final.TrainEvaluation), ("validation", final.ValidationEvaluation), ("test", final.TestEvaluation) })
            {
                if (evaluation is not null)
                {
                    finalJson[name] = MetricsView.Json(evaluation, final.Model.ClassNames);
                }
            }

            json["final"] = finalJson;
        }

        if (settings.ModelPath is not null)
        {
            json["model"] = settings.ModelPath;
        }

        return json;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record TuneSettings(TabularOptions Options, SearchSpace Space, TuningOptions Tuning, string? ModelPath, bool Quiet, bool Json);
}
