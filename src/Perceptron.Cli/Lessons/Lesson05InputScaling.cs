namespace Perceptron.Cli.Lessons;

/// <summary>Lesson 5: standardise every input column, so no input's scale dictates the step size.</summary>
internal sealed class Lesson05InputScaling : Lesson
{
    public override int Number => 5;

    public override string Title => "Input scaling";

    public override string Slug => "input-scaling";

    public override string Fix => "each input column is standardised, x′ = (x − mean) / standard deviation, with the training rows' statistics";

    public override CodeLine Code => new("src/Perceptron/Data/StandardScaler.cs", 108, "row[c] = (row[c] - _means![c]) / _deviations![c];");

    public override LessonTask SumTask => new(LessonDataSets.SumInOtherUnits, Hidden: [5], Epochs: 10, Threshold: 0.999);

    public override LessonTask RealTask => new(seed => LessonDataSets.SmallBuiltIn("mnist", seed, 1000), Hidden: [32, 32, 32], Epochs: 5, Threshold: 0.8);

    public override Recipe Apply(Recipe before) => before with { ScaleInputs = true };

    public override IEnumerable<LessonRow> ExtraRows(TaskResult task) => task.Key == "sum"
        ? [Prediction(task, "predict_045_045", "0.45 + 0.45 →", 0.45f, 450f)]
        : [];

    public override string WhatChanged(LessonResult result) =>
        $"A weight's gradient is proportional to its input, so an input a thousand times larger takes steps a thousand times larger: with b in thousandths the sum task {Outcome(result.Sum.Before)}, " +
        $"while the same step on standardised inputs reaches test R² {TestMetric(result.Sum.After)}. " +
        $"MNIST's pixels run from 0 to 255: on the raw pixels test accuracy is {TestMetric(result.Real.Before)}, on standardised ones {TestMetric(result.Real.After)}.";

    private static string Outcome(RunResult run) => run.Diverged
        ? $"diverges (the loss overflows in epoch {run.DivergedInEpoch})"
        : $"ends at test R² {TestMetric(run)}";
}
