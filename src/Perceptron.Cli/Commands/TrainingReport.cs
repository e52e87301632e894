using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Perceptron.Data;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Training;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>What <c>train</c> prints: metrics per split, the confusion matrix, time, and where things were saved.</summary>
internal sealed record TrainingReport(
    TabularEvaluation Train, TabularEvaluation? Validation, TabularEvaluation? Test, History History, TimeSpan Elapsed, TabularModel Model)
{
    public void Write(IAnsiConsole console, string? modelPath, string? plotPath)
    {
        var table = new Table().AddColumn("split").AddColumn(new TableColumn("rows").RightAligned());
        string[] metrics = [.. Train.ToDictionary().Keys];
        foreach (string metric in metrics)
        {
            table.AddColumn(new TableColumn(metric).RightAligned());
        }

        foreach (var (name, evaluation) in new[] { ("train", Train), ("validation", Validation), ("test", Test) })
        {
            if (evaluation is not null)
            {
                table.AddRow([name, evaluation.Rows.ToString(CultureInfo.InvariantCulture), .. metrics.Select(m => evaluation.ToDictionary()[m].ToString("0.0000", CultureInfo.InvariantCulture))]);
            }
        }

        console.Write(table);
        if ((Test ?? Validation ?? Train).ConfusionMatrix is { } confusion)
        {
            WriteConfusion(console, confusion, Test is not null ? "test" : Validation is not null ? "validation" : "train", Model.ClassNames);
        }

        if (History.StopReason is not null)
        {
            console.MarkupLineInterpolated($"[yellow]Stopped: {History.StopReason}[/]");
        }

        console.MarkupLineInterpolated($"{History.Epochs} epochs in {Elapsed.TotalSeconds:0.00} s");
        if (modelPath is not null)
        {
            console.MarkupLineInterpolated($"Model saved to [bold]{modelPath}[/]");
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
            ["epochs"] = History.Epochs,
            ["seconds"] = Math.Round(Elapsed.TotalSeconds, 3),
            ["train"] = Metrics(Train),
        };
        if (Validation is not null)
        {
            json["validation"] = Metrics(Validation);
        }

        if (Test is not null)
        {
            json["test"] = Metrics(Test);
        }

        if (History.StopReason is not null)
        {
            json["stop_reason"] = History.StopReason;
        }

        if (modelPath is not null)
        {
            json["model"] = modelPath;
        }

        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>A split's metrics as a JSON object (NaN, which JSON cannot hold, becomes null).</summary>
    internal static JsonObject Metrics(TabularEvaluation evaluation)
    {
        var json = new JsonObject { ["rows"] = evaluation.Rows };
        foreach (var (name, value) in evaluation.ToDictionary())
        {
            json[name] = double.IsFinite(value) ? value : null;
        }

        return json;
    }

    internal static void WriteConfusion(IAnsiConsole console, int[,] confusion, string split, IReadOnlyList<string> classNames)
    {
        int classes = confusion.GetLength(0);
        if (classes > 20)
        {
            return; // too wide to read; the accuracy says enough
        }

        string Name(int c) => Markup.Escape(c < classNames.Count ? (classNames[c].Length > 12 ? classNames[c][..11] + "…" : classNames[c]) : c.ToString(CultureInfo.InvariantCulture));
        console.MarkupLineInterpolated($"Confusion matrix ({split}): rows are the true classes, columns the predicted ones");
        var table = new Table().AddColumn("");
        for (int c = 0; c < classes; c++)
        {
            table.AddColumn(new TableColumn(Name(c)).RightAligned());
        }

        for (int r = 0; r < classes; r++)
        {
            var cells = new List<string> { Name(r) };
            for (int c = 0; c < classes; c++)
            {
                cells.Add(r == c ? $"[green]{confusion[r, c]}[/]" : confusion[r, c] == 0 ? "[grey]0[/]" : $"[red]{confusion[r, c]}[/]");
            }

            table.AddRow([.. cells]);
        }

        console.Write(table);
    }
}
