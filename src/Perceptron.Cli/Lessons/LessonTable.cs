namespace Perceptron.Cli.Lessons;

/// <summary>The rows of a lesson's side-by-side table, shared by the terminal, the Markdown pages and the facts.</summary>
internal static class LessonTable
{
    /// <summary>The column's key in facts: "before", "after", then each variant's key.</summary>
    public static string ColumnKey(Lesson lesson, int column) => column switch
    {
        0 => "before",
        1 => "after",
        _ => lesson.Variants[column - 2].Key,
    };

    /// <summary>Every row of one experiment's table: the standard measures, then the lesson's own.</summary>
    public static IReadOnlyList<LessonRow> Rows(Lesson lesson, TaskResult task)
    {
        var runs = task.Runs;
        string metric = runs[0].MetricName, label = LessonFormat.MetricLabel(metric);
        var rows = new List<LessonRow>();
        if (runs.Select(r => r.LossName).Distinct().Count() > 1)
        {
            rows.Add(Row("loss_function", "loss function", r => LessonFormat.LossName(r.LossName)));
        }

        rows.Add(Row("train_loss", $"training loss ({Losses(runs)})", r => r.Diverged ? "diverged" : LessonFormat.Number(r.TrainLoss)));
        rows.Add(Row("test_loss", $"test loss ({Losses(runs)})", r => r.Diverged ? "diverged" : LessonFormat.Number(r.TestLoss)));
        rows.Add(Row("train_metric", $"training {label}", r => LessonFormat.Metric(metric, r.TrainMetric)));
        rows.Add(Row("test_metric", $"test {label}", r => LessonFormat.Metric(metric, r.TestMetric)));
        rows.Add(Row("epochs_to_threshold", $"epochs to test {label} ≥ {LessonFormat.Threshold(metric, task.Task.Threshold)}",
            r => r.EpochsToThreshold is int epochs ? LessonFormat.Count(epochs) : $"not in {r.EpochsRun}"));
        if (runs.Any(r => r.EpochsRun != task.Task.Epochs))
        {
            rows.Add(Row("epochs_run", "epochs run", r => LessonFormat.Count(r.EpochsRun) + (r.Diverged ? " (diverged)" : "")));
        }

        if (runs.Any(r => r.BestEpoch is not null))
        {
            rows.Add(Row("best_epoch", "epoch kept (lowest validation loss)", r => r.BestEpoch is int best ? LessonFormat.Count(best) : "last"));
        }

        rows.Add(Row("steps", "gradient steps", r => LessonFormat.Count(r.Steps)));
        rows.AddRange(lesson.ExtraRows(task));
        rows.Add(new LessonRow("time", "training time", [.. runs.Select(r => LessonFormat.Time(r.Elapsed))], Checked: false));
        return rows;

        LessonRow Row(string key, string rowLabel, Func<RunResult, string> value) => new(key, rowLabel, [.. runs.Select(value)]);
    }

    /// <summary>The column headings: "before", "after", then the variants' names.</summary>
    public static IReadOnlyList<string> Headings(Lesson lesson, TaskResult task) =>
        [.. task.Runs.Select((run, column) => column < 2 ? run.Variant : lesson.Variants[column - 2].Name)];

    private static string Losses(IReadOnlyList<RunResult> runs) => string.Join(" / ", runs.Select(r => LessonFormat.LossName(r.LossName)).Distinct());
}
