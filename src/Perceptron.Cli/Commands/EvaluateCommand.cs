using System.CommandLine;
using System.Globalization;
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
        var command = new Command("evaluate", "Measure a saved model on labelled data: accuracy and loss, or R², MAE, MSE and loss.")
        {
            model, data, labels, dropInvalid, json,
        };
        command.SetAction(parsed => Run(console, parsed.GetValue(model)!, parsed.GetValue(data)!, parsed.GetValue(labels), parsed.GetValue(dropInvalid), parsed.GetValue(json)));
        return command;
    }

    private static int Run(IAnsiConsole console, string modelPath, string dataPath, string? labelsPath, bool dropInvalid, bool json)
    {
        TabularModel model = TabularModel.Load(modelPath);
        if (model.Task is null)
        {
            throw new UserException($"{Path.GetFileName(modelPath)} is a bare network without a task, target or preprocessing, so its metrics cannot be computed from raw data; evaluate models saved by 'perceptron train'.");
        }

        var options = new CsvLoadOptions { TargetName = model.TargetName, Task = model.Task, DropInvalidRows = dropInvalid };
        TabularDataset data = DataSource.Load(dataPath, labelsPath, options, seed: 42);
        var evaluation = model.Evaluate(data);
        if (json)
        {
            var metrics = TrainingReport.Metrics(evaluation);
            console.Profile.Out.Writer.WriteLine(metrics.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return CliApp.Ok;
        }

        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in evaluation.ToDictionary())
        {
            table.AddRow(name, value.ToString("0.0000", CultureInfo.InvariantCulture));
        }

        console.MarkupLineInterpolated($"[bold]{Path.GetFileName(modelPath)}[/] on {data.Source}: {data.Rows} rows");
        console.Write(table);
        if (evaluation.ConfusionMatrix is { } confusion)
        {
            TrainingReport.WriteConfusion(console, confusion, "evaluated rows", model.ClassNames);
        }

        return CliApp.Ok;
    }
}
