using System.Globalization;
using System.Text.Json.Nodes;
using Perceptron.Data;
using Perceptron.Tabular;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>How metrics are shown: the table columns, the per-class report, the confusion matrix, the JSON, and the line
/// that says what each loss is.</summary>
internal static class MetricsView
{
    /// <summary>The columns of a metrics table: the headline metrics (every metric is in the JSON).</summary>
    public static IReadOnlyList<string> Columns(TaskKind task, bool binary) => task == TaskKind.Classification
        ? binary ? ["accuracy", "f1_macro", "roc_auc", "log_loss", "loss"] : ["accuracy", "f1_macro", "log_loss", "loss"]
        : ["r2", "rmse", "mae", "loss"];

    /// <summary>A table of metrics, one row per named evaluation.</summary>
    public static Table Table(IEnumerable<(string Name, TabularEvaluation? Evaluation)> rows, string firstColumn = "split")
    {
        var present = rows.Where(row => row.Evaluation is not null).ToList();
        TabularEvaluation first = present[0].Evaluation!;
        var columns = Columns(first.Task, first.RocAuc is not null);
        var table = new Table().AddColumn(firstColumn).AddColumn(new TableColumn("rows").RightAligned());
        foreach (string column in columns)
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var (name, evaluation) in present)
        {
            var metrics = evaluation!.ToDictionary();
            table.AddRow([Markup.Escape(name), evaluation.Rows.ToString(CultureInfo.InvariantCulture), .. columns.Select(c => NumberText.Metric(metrics.GetValueOrDefault(c, double.NaN)))]);
        }

        return table;
    }

    /// <summary>What "loss" and the other columns mean, under a metrics table.</summary>
    public static string Legend(TaskKind task, bool classWeighted) => task == TaskKind.Classification
        ? $"loss: the training loss, mean cross-entropy{(classWeighted ? " weighted by class (--class-weight)" : "")}, without the L2 penalty; log_loss: the unweighted cross-entropy as scikit-learn computes it; f1_macro: F1 averaged over the classes."
        : "loss: the training loss, the MSE of the standardised target (target − mean) / std, without the L2 penalty; r2, rmse and mae are in the target's own units.";

    /// <summary>A split's metrics as JSON: rows, every metric by its stable name (NaN, which JSON cannot hold, becomes null),
    /// and for classification a per_class list of precision, recall, f1 and support.</summary>
    public static JsonObject Json(TabularEvaluation evaluation, IReadOnlyList<string> classNames)
    {
        var json = new JsonObject { ["rows"] = evaluation.Rows };
        foreach (var (name, value) in evaluation.ToDictionary())
        {
            json[name] = double.IsFinite(value) ? value : null;
        }

        if (evaluation.Report is { } report)
        {
            var perClass = new JsonArray();
            for (int c = 0; c < report.Classes.Count; c++)
            {
                var scores = report.Classes[c];
                perClass.Add(new JsonObject
                {
                    ["class"] = c < classNames.Count ? classNames[c] : c.ToString(CultureInfo.InvariantCulture),
                    ["precision"] = scores.Precision,
                    ["recall"] = scores.Recall,
                    ["f1"] = scores.F1,
                    ["support"] = scores.Support,
                });
            }

            json["per_class"] = perClass;
        }

        return json;
    }

    /// <summary>Precision, recall, F1 and support per class, then the macro and weighted averages (up to 20 classes).</summary>
    public static void WriteClassReport(IAnsiConsole console, TabularEvaluation evaluation, string split, IReadOnlyList<string> classNames)
    {
        if (evaluation.Report is not { } report || report.Classes.Count > 20)
        {
            return;
        }

        console.MarkupLineInterpolated($"Per-class report ({split}): precision = right among those predicted as the class, recall = found among those of the class");
        var table = new Table().AddColumn("class");
        foreach (string column in (string[])["precision", "recall", "f1", "support"])
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        string[] Row(string name, Metrics.ClassScores s) =>
            [Markup.Escape(name), NumberText.Metric(s.Precision), NumberText.Metric(s.Recall), NumberText.Metric(s.F1), s.Support.ToString(CultureInfo.InvariantCulture)];
        for (int c = 0; c < report.Classes.Count; c++)
        {
            table.AddRow(Row(ClassName(classNames, c), report.Classes[c]));
        }

        table.AddRow(Row("macro avg", report.MacroAverage));
        table.AddRow(Row("weighted avg", report.WeightedAverage));
        console.Write(table);
    }

    public static void WriteConfusion(IAnsiConsole console, int[,] confusion, string split, IReadOnlyList<string> classNames)
    {
        int classes = confusion.GetLength(0);
        if (classes > 20)
        {
            return; // too wide to read; the accuracy says enough
        }

        string Name(int c) => Markup.Escape(ClassName(classNames, c) is { Length: > 12 } name ? name[..11] + "…" : ClassName(classNames, c));
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

    /// <summary>How a training run ended, as model files and JSON spell it.</summary>
    public static string OutcomeName(Training.TrainingOutcome outcome) => outcome switch
    {
        Training.TrainingOutcome.StoppedEarly => "stopped_early",
        Training.TrainingOutcome.Diverged => "diverged",
        _ => "completed",
    };

    private static string ClassName(IReadOnlyList<string> classNames, int c) => c < classNames.Count ? classNames[c] : c.ToString(CultureInfo.InvariantCulture);
}
