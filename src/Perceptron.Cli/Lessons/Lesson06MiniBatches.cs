namespace Perceptron.Cli.Lessons;

/// <summary>Lesson 6: average the gradient over mini-batches of 32 shuffled rows: far cheaper epochs, fewer steps.</summary>
internal sealed class Lesson06MiniBatches : Lesson
{
    public override int Number => 6;

    public override string Title => "Mini-batches";

    public override string Slug => "mini-batches";

    public override string Fix => "each step averages the gradient over 32 rows, drawn in a new random order every epoch";

    public override CodeLine Code => new("src/Perceptron/Training/Sequential.Fit.cs", 90, "new Rng(Seed, epoch, stream: 0).Shuffle(order);");

    public override LessonTask SumTask => new(LessonDataSets.Sum, Hidden: [16, 16], Epochs: 20, Threshold: 0.9999);

    public override LessonTask RealTask => new(seed => LessonDataSets.BuiltIn("digits8x8", seed), Hidden: [32, 32, 32], Epochs: 20, Threshold: 0.95);

    public override Recipe Apply(Recipe before) => before with { BatchSize = 32, Shuffle = true };

    public override IReadOnlyList<LessonVariant> Variants =>
    [
        new("large_step", "batches of 32, η 0.5", (_, after) => after with { Optimizer = after.Optimizer with { LearningRate = 0.5 } }),
        new("large_step_per_sample", "one sample per step, η 0.5", (before, _) => before with { Optimizer = before.Optimizer with { LearningRate = 0.5 } }),
    ];

    public override string WhatChanged(LessonResult result) =>
        $"A batch of 32 rows costs about as much as a few single rows, since the products become matrix products: an epoch takes a fraction of the time. " +
        $"But it is 32 times fewer steps, so with the same η the digits reach only {TestMetric(result.Real.After)} in 20 epochs (one row per step: {TestMetric(result.Real.Before)}). " +
        $"The averaged gradient is less noisy, which allows a 10× larger step ({TestMetric(result.Real.Runs[2])}); one row per step at that η {(result.Sum.Runs[3].Diverged ? "diverges on the sum task" : "ends at sum-task R² " + TestMetric(result.Sum.Runs[3]))}.";
}
