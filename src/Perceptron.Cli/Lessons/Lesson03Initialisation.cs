using Perceptron.Initializers;

namespace Perceptron.Cli.Lessons;

/// <summary>Lesson 3: start from small weights centred on zero, scaled to the layer's width (Glorot).</summary>
internal sealed class Lesson03Initialisation : Lesson
{
    public override int Number => 3;

    public override string Title => "Zero-centred initial weights";

    public override string Slug => "initialisation";

    public override string Fix => "weights start uniform in ±√(6 / (fan-in + fan-out)) (Glorot) instead of [0, 1)";

    public override CodeLine Code => new("src/Perceptron/Initializers/Initializer.cs", 9, "public static Initializer GlorotUniform { get; }");

    public override LessonTask SumTask => new(LessonDataSets.Sum, Hidden: [32, 32, 32], Epochs: 10, Threshold: 0.99);

    public override LessonTask RealTask => new(seed => LessonDataSets.BuiltIn("digits8x8", seed), Hidden: [16], Epochs: 30, Threshold: 0.9);

    public override Recipe Apply(Recipe before) => before with { Initializer = Initializer.GlorotUniform };

    public override IEnumerable<LessonRow> ExtraRows(TaskResult task) => GradientRows(task);

    public override string WhatChanged(LessonResult result) =>
        $"With every weight positive, a unit's input is a sum of positive terms that grows with the layer's width: 64 pixels of up to 16 each push every sigmoid to 1, where its slope is 0, " +
        $"so the first layer's gradient is {LessonFormat.Number(result.Real.Before.FirstEpochGradientRms[0])} and nothing learns (test accuracy {TestMetric(result.Real.Before)}). " +
        $"Weights centred on zero, scaled by the layer's width, keep the inputs of the sigmoids near 0 where they can learn: {TestMetric(result.Real.After)}; " +
        $"on the sum task's deeper 2-32-32-32-1 network, test R² {TestMetric(result.Sum.Before)} → {TestMetric(result.Sum.After)}.";
}
