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
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var model = new Argument<string>("MODEL") { Description = "A model file saved by 'perceptron train --out'." };
        var data = new Argument<string>("DATA") { Description = "Labelled data: a CSV file with the model's features and target, IDX images (with --labels), or a built-in data set." };
        var labels = new Option<string?>("--labels") { Description = "IDX labels file for IDX images." };
        var dropInvalid = new Option<bool>("--drop-invalid-rows") { Description = "Skip CSV rows with missing or invalid cells instead of imputing missing cells and stopping at invalid ones." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the metrics." };
        var command = new Command("evaluate", "Measure a saved model on labelled data: accuracy, precision, recall, F1, ROC-AUC (two classes), log loss and a per-class report; or R², RMSE, MAE and MSE.")
        {
            model, data, labels, dropInvalid, json,
        };
        var dataOptions = DataOptions.ForModel();
        dataOptions.AddTo(command);
        command.SetAction(parsed => Run(console, error, parsed.GetValue(model)!, parsed.GetValue(data)!, parsed.GetValue(labels), dataOptions.Csv(parsed, dropInvalidRows: parsed.GetValue(dropInvalid)), parsed.GetValue(json)));
        return command;
    }

    private static int Run(IAnsiConsole console, TextWriter error, string modelPath, string dataPath, string? labelsPath, CsvLoadOptions dialect, bool json)
    {
        TabularModel model = ModelArgument.Load(modelPath, dataPath);
        if (model.Task is null)
        {
            throw new UserException($"{Path.GetFileName(modelPath)} is a bare network without a task, target or preprocessing, so its metrics cannot be computed from raw data; evaluate models saved by 'perceptron train'.");
        }

        // The model's schema: its target and task, its features read as it reads them (numbers or categories).
        TabularDataset data = DataSource.Load(dataPath, labelsPath, model.LoadOptions(dialect), seed: 42);
        foreach (string note in data.Notes)
        {
            error.WriteLine($"perceptron: note: {note}");
        }

        if (model.FeatureNames.Count > 0)
        {
            model.Pipeline.Encode(data, out var unseen);
            foreach (var (column, cells) in unseen)
            {
                error.WriteLine($"perceptron: warning: {cells.ToString("N0", CultureInfo.InvariantCulture)} {(cells == 1 ? "cell" : "cells")} of '{column}' {(cells == 1 ? "holds a category" : "hold categories")} the model never saw; they are encoded as 'other' or as no category");
            }
        }

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
