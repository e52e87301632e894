namespace Perceptron.Cli.Lessons;

/// <summary>Lesson 8: Adam, which scales each parameter's step by a running estimate of its own gradient's size.</summary>
internal sealed class Lesson08Adam : Lesson
{
    public override int Number => 8;

    public override string Title => "Adam";

    public override string Slug => "adam";

    public override string Fix => "Adam: momentum on the gradient, divided per parameter by the root of a running mean of its square (η 0.001)";

    public override CodeLine Code => new("src/Perceptron/Optimizers/Adam.cs", 96, "parameters[i] = p - stepSize * m[i] / (T.Sqrt(v[i]) * inverseSqrtCorrection2 + epsilon);");

    public override LessonTask SumTask => new(LessonDataSets.Sum, Hidden: [16, 16], Epochs: 20, Threshold: 0.9999);

    public override LessonTask RealTask => new(seed => LessonDataSets.BuiltIn("mnist", seed), Hidden: [32, 32, 32], Epochs: 10, Threshold: 0.9);

    public override Recipe Apply(Recipe before) => before with { Optimizer = OptimizerChoice.Adam(0.001) };

    public override string WhatChanged(LessonResult result) =>
        $"SGD moves every weight by η times its gradient, so weights with small gradients (pixels that are rarely on, the first layers) learn slowly; Adam divides each step by that weight's own typical gradient, so each moves about η per step. " +
        $"On the MNIST digits test accuracy goes from {TestMetric(result.Real.Before)} to {TestMetric(result.Real.After)}. " +
        $"On the small, evenly scaled sum task it brings nothing: test R² {TestMetric(result.Sum.Before)} → {TestMetric(result.Sum.After)}.";
}
