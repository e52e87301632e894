namespace Perceptron.Cli.Lessons;

/// <summary>Lesson 1: give every unit a bias, so its boundary need not pass through the origin.</summary>
internal sealed class Lesson01Biases : Lesson
{
    public override int Number => 1;

    public override string Title => "Biases";

    public override string Slug => "biases";

    public override string Fix => "every unit adds a bias b before its sigmoid: a = σ(x·W + b)";

    public override CodeLine Code => new("src/Perceptron/Classic/MultilayerPerceptron.cs", 170, "double net = UseBiases ? Biases[i][j] : 0.0;");

    public override LessonTask SumTask => new(LessonDataSets.Sum, Hidden: [5], Epochs: 100, Threshold: 0.99);

    public override LessonTask RealTask => new(seed => LessonDataSets.BuiltIn("circles", seed), Hidden: [8], Epochs: 300, Threshold: 0.95);

    public override Recipe Apply(Recipe before) => before with { Biases = true };

    public override IEnumerable<LessonRow> ExtraRows(TaskResult task) => task.Key == "sum"
        ? [Prediction(task, "predict_0_0", "0 + 0 →", 0, 0), Prediction(task, "predict_045_045", "0.45 + 0.45 →", 0.45f, 0.45f)]
        : [];

    public override string WhatChanged(LessonResult result) =>
        $"Without a bias, a unit's input x·W is 0 at x = 0, so every hidden unit's boundary (where σ = 0.5) is a line through the origin. " +
        $"Circles centred on the origin cannot be cut out by such lines: test accuracy goes from {TestMetric(result.Real.Before)} to {TestMetric(result.Real.After)} with biases. " +
        $"On the sum task they help less (test R² {TestMetric(result.Sum.Before)} → {TestMetric(result.Sum.After)}), and 0.45 + 0.45 still comes out short: that is the next lesson.";
}
