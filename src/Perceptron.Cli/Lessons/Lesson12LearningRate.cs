using Perceptron.Cli.Pictures;

namespace Perceptron.Cli.Lessons;

/// <summary>
/// Lesson 12: too large a learning rate makes plain SGD diverge; clipping the gradient's norm at C bounds every step to
/// η·C, so the steps cannot grow without bound, and a sensible η shows what the large one still costs.
/// </summary>
/// <remarks>
/// Adam (lesson 8) moves each weight by about η whatever its gradient, which hides this failure; the lesson goes back
/// to plain SGD, whose step η·‖g‖ grows with the gradient, at a step size it cannot take.
/// </remarks>
internal sealed class Lesson12LearningRate : Lesson
{
    private const double LargeRate = 2;
    private const double MaxNorm = 1;
    private const double SensibleRate = LargeRate / 10;

    public override int Number => 12;

    public override string Title => "Too large a learning rate";

    public override string Slug => "learning-rate";

    public override string Fix => "each step's gradient g is rescaled to norm 1 when ‖g‖ > 1, so no step η·‖g‖ is longer than η";

    public override CodeLine Code => new("src/Perceptron/Training/Sequential.Fit.cs", 242, "TensorPrimitives.Multiply<T>(_gradients, T.CreateTruncating(maxNorm / Math.Sqrt(squaredNorm)), _gradients);");

    public override LessonTask SumTask => new(LessonDataSets.Sum, Hidden: [16, 16], Epochs: 20, Threshold: 0.999);

    public override LessonTask RealTask => new(seed => LessonDataSets.BuiltIn("digits8x8", seed), Hidden: [32, 32, 32], Epochs: 20, Threshold: 0.95);

    /// <summary>Plain SGD at η 2 instead of Adam, and no early stopping (there are no held-out rows to watch).</summary>
    public override Recipe Prepare(Recipe before) => before with { Optimizer = OptimizerChoice.Sgd(LargeRate), EarlyStoppingPatience = null };

    public override Recipe Apply(Recipe before) => before with { ClipNorm = MaxNorm };

    public override IReadOnlyList<LessonVariant> Variants =>
    [
        new("sensible_step", "η 0.2, no clipping", (before, _) => before with { Optimizer = OptimizerChoice.Sgd(SensibleRate) }),
    ];

    public override IEnumerable<LessonRow> ExtraRows(TaskResult task) =>
    [
        new("overflow", "loss became ∞ or NaN at", [.. task.Runs.Select(Overflow)]),
        new("longest_step", "longest step η·‖g‖", [.. task.Runs.Select(run => LessonFormat.Number(LongestStep(run)))]),
        new("clipped_steps", "steps clipped", [.. task.Runs.Select(run => run.Recipe.ClipNorm is double clip ? $"{LessonFormat.Count(ClippedSteps(run, clip))} of {LessonFormat.Count(run.Steps)}" : "—")]),
    ];

    public override string WhatChanged(LessonResult result) =>
        $"Plain SGD moves the weights by η·‖g‖, and at η 2 a step overshoots to where the gradient is larger, so the next step is longer still: on the sum task {Outcome(result.Sum.Before)}; on the digits {Outcome(result.Real.Before)}. " +
        $"Clipping ‖g‖ at 1 keeps every step within η·1 = 2, so the same η {(result.Real.After.Diverged || result.Sum.After.Diverged ? "still overflows" : "no longer overflows")}: the digits reach {TestMetric(result.Real.After)} test accuracy, {Clipped(result.Real.After)} steps clipped. " +
        $"On the sum task {Clipped(result.Sum.After)} steps stay clipped and test R² ends at {TestMetric(result.Sum.After)}: even a step of 2 is too long for its valley. " +
        $"A 10× smaller η, unclipped, reaches {TestMetric(result.Real.Runs[2])} and R² {TestMetric(result.Sum.Runs[2])}: clipping stops a blow-up, it does not make a step size fit.";

    /// <summary>The default pictures and, per experiment, every step's batch loss and length (a run that overflows in its first epoch is one point on an epoch curve).</summary>
    public override IReadOnlyList<string> WritePictures(LessonResult result, string folder)
    {
        var written = new List<string>(LessonPictures.Default(result, folder));
        foreach (TaskResult task in result.Tasks)
        {
            string path = Path.Combine(folder, $"{task.Key}-steps.png");
            PictureFile.Save(StepCurvesPicture.Build(this, task, LargeRate * MaxNorm), columns: 2, path, 1400, 520);
            written.Add(path);
        }

        return written;
    }

    private static double LongestStep(RunResult run) => run.StepGradientNormCurve.Count == 0 ? 0 : run.Recipe.Optimizer.LearningRate * run.StepGradientNormCurve.Max();

    // A clipped gradient's norm is C up to float rounding; an unclipped one is below C.
    private static int ClippedSteps(RunResult run, double clip) => run.StepGradientNormCurve.Count(norm => norm >= clip * (1 - 1e-4));

    private static string Clipped(RunResult run) => $"{LessonFormat.Count(ClippedSteps(run, MaxNorm))} of {LessonFormat.Count(run.Steps)}";

    private static string Outcome(RunResult run) => run.DivergedAtStep is long step
        ? $"the steps grow to {LessonFormat.Number(LongestStep(run))} and the loss overflows at step {LessonFormat.Count(step)}"
        : $"the longest step is {LessonFormat.Number(LongestStep(run))} and test {LessonFormat.MetricLabel(run.MetricName)} ends at {TestMetric(run)}";

    private static string Overflow(RunResult run) => run.DivergedAtStep is long step ? $"step {LessonFormat.Count(step)} (epoch {run.DivergedInEpoch})" : "never";
}
