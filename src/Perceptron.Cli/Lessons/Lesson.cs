using Perceptron.Cli.Pictures;

namespace Perceptron.Cli.Lessons;

/// <summary>
/// One step of the path from the original network to a modern one: a fix switched on, measured before and after on
/// the sum task and on a real data set, with the same seed and data.
/// </summary>
internal abstract class Lesson
{
    /// <summary>The lesson's number, from 1.</summary>
    public abstract int Number { get; }

    /// <summary>A short title, e.g. "Biases".</summary>
    public abstract string Title { get; }

    /// <summary>The docs page, relative to the repository root.</summary>
    public string Page => $"docs/lessons/{Number:00}-{Slug}.md";

    /// <summary>The page's file name without number and extension, e.g. "biases".</summary>
    public abstract string Slug { get; }

    /// <summary>What the "after" network switches on, in a few words (the "before" is everything earlier lessons built).</summary>
    public abstract string Fix { get; }

    /// <summary>The code line the fix is about.</summary>
    public abstract CodeLine Code { get; }

    /// <summary>The sum-task experiment.</summary>
    public abstract LessonTask SumTask { get; }

    /// <summary>The real-data experiment.</summary>
    public abstract LessonTask RealTask { get; }

    /// <summary>
    /// Adjusts the "before" recipe: without changing what it computes (lesson 2 moves from the classic class to the
    /// engine configured the same way), or to set up the failure the lesson fixes (lesson 12 goes back from Adam to
    /// plain SGD at too large a step); the identity for most lessons.
    /// </summary>
    public virtual Recipe Prepare(Recipe before) => before;

    /// <summary>The fix: the "after" recipe from the "before" one.</summary>
    public abstract Recipe Apply(Recipe before);

    /// <summary>Extra columns shown after "after", each a recipe made from the before and after recipes.</summary>
    public virtual IReadOnlyList<LessonVariant> Variants => [];

    /// <summary>Two or three sentences on what changed and why it helps, quoting this run's numbers.</summary>
    public abstract string WhatChanged(LessonResult result);

    /// <summary>Rows the lesson adds to each task's table (e.g. a prediction, per-layer gradients).</summary>
    public virtual IEnumerable<LessonRow> ExtraRows(TaskResult task) => [];

    /// <summary>Epochs after which to keep parameter snapshots (the frames of the training animation).</summary>
    public virtual IReadOnlySet<int> SnapshotEpochs(LessonTask task) => TrainingAnimation.FrameEpochs(task.Epochs);

    /// <summary>Writes the lesson's pictures into <paramref name="folder"/> and returns their paths.</summary>
    public virtual IReadOnlyList<string> WritePictures(LessonResult result, string folder) => LessonPictures.Default(result, folder);

    /// <summary>The run's test accuracy or R², as the table prints it.</summary>
    protected static string TestMetric(RunResult run) => LessonFormat.Metric(run.MetricName, run.TestMetric);

    /// <summary>The run's training accuracy or R², as the table prints it.</summary>
    protected static string TrainMetric(RunResult run) => LessonFormat.Metric(run.MetricName, run.TrainMetric);

    /// <summary>The run's test loss, as the table prints it.</summary>
    protected static string TestLoss(RunResult run) => run.Diverged ? "diverged" : LessonFormat.Number(run.TestLoss);

    /// <summary>"epoch 7", or "not within 30 epochs".</summary>
    protected static string Reached(RunResult run) => run.EpochsToThreshold is int epoch ? $"epoch {epoch}" : $"not within {run.EpochsRun} epochs";

    /// <summary>A row with each run's prediction for the inputs <paramref name="a"/>, <paramref name="b"/> (raw, as the data set holds them).</summary>
    protected static LessonRow Prediction(TaskResult task, string key, string label, float a, float b) =>
        new(key, label, [.. task.Runs.Select(run => LessonFormat.Number(run.Model.Predict([a, b])[0]))]);

    /// <summary>One row per layer: the root mean square of its weight gradient over the first epoch (vanishing or exploding gradients).</summary>
    protected static IEnumerable<LessonRow> GradientRows(TaskResult task)
    {
        int layers = task.Runs.Max(run => run.FirstEpochGradientRms.Count);
        for (int layer = 0; layer < layers; layer++)
        {
            int index = layer;
            yield return new LessonRow($"gradient_rms_{layer + 1}", $"layer {layer + 1} weight-gradient RMS, epoch 1",
                [.. task.Runs.Select(run => index < run.FirstEpochGradientRms.Count ? LessonFormat.Number(run.FirstEpochGradientRms[index]) : "—")]);
        }
    }
}
