using System.CommandLine;
using System.Text.Json;
using Perceptron.Data;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary><c>perceptron evaluate MODEL DATA</c>: measures a saved model on labelled data.</summary>
internal static class EvaluateCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Argument<string>("MODEL") { Description = "A model file saved by 'perceptron train --out'." };
        var data = new Argument<string>("DATA") { Description = "Labelled data: a CSV file with the model's features and target, IDX images (with --labels), or a built-in data set." };
        var labels = new Option<string?>("--labels") { Description = "IDX labels file for IDX images." };
        var dropInvalid = new Option<bool>("--drop-invalid-rows") { Description = "Skip CSV rows with missing or non-numeric cells instead of failing." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the metrics." };
        var command = new Command("evaluate", "Measure a saved model on labelled data: accuracy, precision, recall, F1, ROC-AUC (two classes), log loss and a per-class report; or R², RMSE, MAE and MSE.")
        {
            model, data, labels, dropInvalid, json,
        };
        command.SetAction(parsed => Run(console, parsed.GetValue(model)!, parsed.GetValue(data)!, parsed.GetValue(labels), parsed.GetValue(dropInvalid), parsed.GetValue(json)));
        return command;
    }

    private static int Run(IAnsiConsole console, string modelPath, string dataPath, string? labelsPath, bool dropInvalid, bool json)
    {
        TabularModel model = ModelArgument.Load(modelPath, dataPath);
        if (model.Task is null)
        {
            throw new UserException($"{Path.GetFileName(modelPath)} is a bare network without a task, target or preprocessing, so its metrics cannot be computed from raw data; evaluate models saved by 'perceptron train'.");
        }

        var options = new CsvLoadOptions { TargetName = model.TargetName, Task = model.Task, DropInvalidRows = dropInvalid };
        TabularDataset data = DataSource.Load(dataPath, labelsPath, options, seed: 42);
        var evaluation = model.Evaluate(data);
        if (json)
        {
            console.Profile.Out.Writer.WriteLine(MetricsView.Json(evaluation, model.ClassNames).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return CliApp.Ok;
        }

        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in evaluation.ToDictionary())
        {
            table.AddRow(name, NumberText.Metric(value));
        }

        console.MarkupLineInterpolated($"[bold]{Path.GetFileName(modelPath)}[/] on {data.Source}: {data.Rows} rows");
        console.Write(table);
        console.MarkupLineInterpolated($"[grey]{MetricsView.Legend(evaluation.Task, model.Loss is Losses.SparseCategoricalCrossEntropy { ClassWeights: not null })}[/]");
        if (evaluation.ConfusionMatrix is { } confusion)
        {
            MetricsView.WriteConfusion(console, confusion, "evaluated rows", model.ClassNames);
            MetricsView.WriteClassReport(console, evaluation, "evaluated rows", model.ClassNames);
        }

        return CliApp.Ok;
    }
}
