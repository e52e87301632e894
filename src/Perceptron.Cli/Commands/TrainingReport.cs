using System.Text.Json;
using System.Text.Json.Nodes;
using Perceptron.Data;
using Perceptron.Tabular;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>What <c>train</c> prints: metrics per split, the per-class report and confusion matrix, time, and where things were saved.</summary>
internal sealed record TrainingReport(TabularTrainingResult Result, TimeSpan Elapsed)
{
    private TabularModel Model => Result.Model;

    public void Write(IAnsiConsole console, string? modelPath, string? plotPath)
    {
        var splits = new[] { ("train", Result.TrainEvaluation), ("validation", Result.ValidationEvaluation), ("test", Result.TestEvaluation) };
        if (splits.Any(split => split.Item2 is not null))
        {
            console.Write(MetricsView.Table(splits));
            console.MarkupLineInterpolated($"[grey]{MetricsView.Legend(Model.Task ?? TaskKind.Regression, Model.Loss is Losses.SparseCategoricalCrossEntropy { ClassWeights: not null })}[/]");
        }
        else
        {
            console.MarkupLine("[yellow]No metrics: the model's outputs overflow (see the message below).[/]");
        }

        var (name, shown) = Result.TestEvaluation is { } test ? ("test", test) : Result.ValidationEvaluation is { } validation ? ("validation", validation) : ("train", Result.TrainEvaluation);
        if (shown?.ConfusionMatrix is { } confusion)
        {
            MetricsView.WriteConfusion(console, confusion, name, Model.ClassNames);
            MetricsView.WriteClassReport(console, shown, name, Model.ClassNames);
        }

        if (Result.History.StopReason is not null)
        {
            console.MarkupLineInterpolated($"[yellow]Stopped: {Result.History.StopReason}[/]");
        }

        console.MarkupLineInterpolated($"{Result.History.Epochs} epochs in {Elapsed.TotalSeconds:0.00} s");
        if (modelPath is not null)
        {
            console.MarkupLineInterpolated($"Model saved to [bold]{modelPath}[/] ('perceptron info {modelPath}' shows what it records)");
        }

        if (plotPath is not null)
        {
            console.MarkupLineInterpolated($"Curves saved to [bold]{plotPath}[/]");
        }
    }

    public string ToJson(string? modelPath)
    {
        var json = new JsonObject
        {
            ["task"] = Model.Task == TaskKind.Classification ? "classification" : "regression",
            ["epochs"] = Result.History.Epochs,
            ["seconds"] = Math.Round(Elapsed.TotalSeconds, 3),
            ["data_sha256"] = Model.Training?.DataSha256,
        };
        foreach (var (name, evaluation) in new[] { ("train", Result.TrainEvaluation), ("validation", Result.ValidationEvaluation), ("test", Result.TestEvaluation) })
        {
            if (evaluation is not null)
            {
                json[name] = MetricsView.Json(evaluation, Model.ClassNames);
            }
        }

        if (Result.History.StopReason is not null)
        {
            json["stop_reason"] = Result.History.StopReason;
        }

        if (modelPath is not null)
        {
            json["model"] = modelPath;
        }

        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
