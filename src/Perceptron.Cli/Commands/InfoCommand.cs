using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Perceptron.Data;
using Perceptron.Losses;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary><c>perceptron info MODEL</c>: what a model file holds, each figure with what it means.</summary>
internal static class InfoCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Argument<string>("MODEL") { Description = "A model file saved by 'perceptron train --out'." };
        var command = new Command("info", "Show a saved model: its layers and parameter counts, preprocessing, classes, how it was trained (options, data hash, split) and its metrics, each explained.") { model };
        command.SetAction(parsed => Run(console, parsed.GetValue(model)!));
        return command;
    }

    private static int Run(IAnsiConsole console, string path)
    {
        TabularModel file = ModelArgument.Load(path);
        bool regression = file.Task == TaskKind.Regression;
        console.MarkupLineInterpolated($"[bold]{Path.GetFileName(path)}[/]: {(file.Task is TaskKind task ? task.ToString().ToLowerInvariant() : "network")}");
        string summary = file.Network.Summary();
        if (file.Optimizer is not null && file.Loss is not null)
        {
            // A loaded network is not compiled (predicting needs no optimizer): the saved settings, where Summary prints a compiled model's.
            summary += $"Optimizer: {file.Optimizer}   Loss: {file.Loss}{Environment.NewLine}";
        }

        console.WriteLine(summary);

        var facts = new Table().AddColumn("").AddColumn("value").AddColumn("meaning");
        void Fact(string name, string? value, string meaning)
        {
            if (value is not null)
            {
                facts.AddRow(Markup.Escape(name), Markup.Escape(value), $"[grey]{Markup.Escape(meaning)}[/]");
            }
        }

        Fact("features", Shorten(file.FeatureNames), "the input columns, in the order the network takes them");
        Fact("target", file.TargetName, "the column the model predicts");
        Fact("classes", file.ClassNames.Count > 0 ? Shorten(file.ClassNames) : null, "the classes, in the order of the output probabilities");
        Fact("preprocessing", file.Scaler switch
        {
            StandardScaler => "standardise",
            MinMaxScaler => "min-max",
            _ => "none",
        }, file.Scaler switch
        {
            StandardScaler => "each feature becomes (x − mean) / std, with mean and std of the training rows",
            MinMaxScaler => "each feature becomes (x − min) / (max − min), with min and max of the training rows",
            _ => "features go into the network as they are",
        });
        if (file.TargetScaler is not null)
        {
            Fact("target scaling", Invariant($"mean {file.TargetScaler.Means[0]:G6}, std {file.TargetScaler.StandardDeviations[0]:G6}"),
                "the network learns (target − mean) / std; predictions are mapped back to the target's units");
        }

        Fact("loss", file.Loss?.ToString(), file.Loss switch
        {
            SparseCategoricalCrossEntropy { ClassWeights: not null } => "what training minimised: cross-entropy, each row weighted by its class (--class-weight), plus the L2 penalty if any",
            null => "",
            _ => regression ? "what training minimised: MSE of the standardised target, plus the L2 penalty if any" : "what training minimised, plus the L2 penalty if any",
        });
        if (file.Training is { } training)
        {
            DescribeTraining(Fact, training, regression);
        }

        console.Write(facts);
        if (file.Training is { Options.Count: > 0 } withOptions)
        {
            WriteOptions(console, withOptions);
        }

        if (file.Training is { Metrics.Count: > 0 } withMetrics)
        {
            WriteMetrics(console, withMetrics, file);
        }

        return CliApp.Ok;
    }

    private static void DescribeTraining(Action<string, string?, string> fact, TrainingFacts training, bool regression)
    {
        fact("data", training.Data, "the data set it was trained on (a file or a built-in name)");
        fact("data_sha256", training.DataSha256, "SHA-256 of the whole data set as loaded, before any split: the same rows give the same hash, whatever the file is called");
        fact("rows", Whole(training.Rows), "rows the network was fitted on");
        fact("validation_rows", training.ValidationRows is > 0 ? Invariant($"{training.ValidationRows}") : null, "rows held out from fitting to validate each epoch (--validation-split, --early-stopping)");
        bool streamed = training.Options.TryGetValue("stream", out var stream) && stream.ValueKind == System.Text.Json.JsonValueKind.True;
        string heldOut = streamed ? "by a seeded hash of the row number, as a streamed run holds rows out" : "stratified, seeded";
        fact("test_rows", training.TestRows is > 0 ? Invariant($"{training.TestRows}") : null, $"rows held out before training (--test-split, {heldOut}) to test the final model");
        fact("batch_size", Whole(training.BatchSize), "rows per gradient step");
        fact("epochs", Whole(training.Epochs), "passes over the training rows completed");
        fact("seconds", training.Seconds is double s ? Invariant($"{s:0.###}") : null, "training time");
        fact("final_loss", training.FinalLoss is double loss ? NumberText.Metric(loss) : null,
            $"the training loss in the last epoch, averaged over its batches as the weights changed{(regression ? ", on the standardised target" : "")}; without the L2 penalty, as the metrics below");
        fact("outcome", training.Outcome is { } outcome ? MetricsView.OutcomeName(outcome) : null, "completed every epoch, stopped_early (early stopping), or diverged (the loss became NaN or infinite)");
        fact("stop_reason", training.StopReason, "why training stopped before the last epoch");
        fact("created_utc", training.CreatedUtc?.ToString("u", CultureInfo.InvariantCulture), "when the model was saved");
        fact("tool", training.Tool, "the program that trained it");
        foreach (var (name, value) in training.Notes)
        {
            fact(name, value, "a note kept with the model");
        }
    }

    /// <summary>The run's settings, as command-line options a reader can pass again.</summary>
    private static void WriteOptions(IAnsiConsole console, TrainingFacts training)
    {
        var help = new TrainingOptionSet();
        var command = new Command("x");
        help.AddTo(command);
        string Meaning(string option) => option == "--test-split"
            ? "Fraction of rows held out (stratified) to test the final model."
            : command.Options.FirstOrDefault(o => o.Name == option)?.Description ?? "";

        console.MarkupLine("Training options, as 'perceptron train' takes them:");
        var table = new Table().AddColumn("option").AddColumn("value").AddColumn("meaning");
        foreach (var (name, value) in training.Options)
        {
            string option = "--" + name.Replace('_', '-');
            string text = value.ValueKind == JsonValueKind.Null ? (name == "learning_rate" ? "the optimizer's default" : "off") : OptionText(value);
            table.AddRow(Markup.Escape(option), Markup.Escape(text), $"[grey]{Markup.Escape(Meaning(option))}[/]");
        }

        console.Write(table);
    }

    private static string OptionText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join(',', value.EnumerateArray().Select(OptionText)),
        JsonValueKind.Object => string.Join(',', value.EnumerateObject().Select(p => $"{p.Name}={OptionText(p.Value)}")),
        _ => value.GetRawText(),
    };

    /// <summary>The metrics recorded when the model was trained, by split.</summary>
    private static void WriteMetrics(IAnsiConsole console, TrainingFacts training, TabularModel file)
    {
        TaskKind task = file.Task ?? TaskKind.Regression;
        bool binary = training.Metrics.Values.Any(metrics => metrics.ContainsKey("roc_auc"));
        var columns = MetricsView.Columns(task, binary);
        console.MarkupLine("Metrics of the final model when it was saved (train = the rows fitted; test = rows it never saw):");
        var table = new Table().AddColumn("split");
        foreach (string column in columns)
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var (split, metrics) in training.Metrics)
        {
            table.AddRow([Markup.Escape(split), .. columns.Select(c => NumberText.Metric(metrics.GetValueOrDefault(c, double.NaN)))]);
        }

        console.Write(table);
        console.MarkupLineInterpolated($"[grey]{MetricsView.Legend(task, file.Loss is SparseCategoricalCrossEntropy { ClassWeights: not null })} The file holds every metric (precision, recall, …).[/]");
    }

    private static string? Whole(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(IReadOnlyList<string> names) => names.Count <= 12
        ? string.Join(", ", names)
        : $"{string.Join(", ", names.Take(10))}, … ({names.Count} in all)";
}
