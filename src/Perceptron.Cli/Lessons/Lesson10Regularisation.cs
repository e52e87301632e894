namespace Perceptron.Cli.Lessons;

/// <summary>Lesson 10: an L2 penalty on the weights (and, beside it, dropout) against fitting the few training rows too well.</summary>
internal sealed class Lesson10Regularisation : Lesson
{
    public override int Number => 10;

    public override string Title => "L2 and dropout against overfitting";

    public override string Slug => "regularisation";

    public override string Fix => "the loss adds λ·Σw² with λ = 0.001, pulling every weight towards 0";

    public override CodeLine Code => new("src/Perceptron/Layers/Dense.cs", 235, "TensorPrimitives.MultiplyAdd(_weights.Span, T.CreateTruncating(2 * L2), dW, dW);");

    public override LessonTask SumTask => new(seed => LessonDataSets.SmallSum(seed, 40), Hidden: [128, 128], Epochs: 300, Threshold: 0.999);

    public override LessonTask RealTask => new(seed => LessonDataSets.SmallBuiltIn("spiral", seed, 40), Hidden: [128, 128], Epochs: 300, Threshold: 0.8);

    public override Recipe Apply(Recipe before) => before with { L2 = 1e-3 };

    public override IReadOnlyList<LessonVariant> Variants =>
    [
        new("dropout", "dropout 0.3 instead", (before, _) => before with { Dropout = 0.3 }),
    ];

    public override string WhatChanged(LessonResult result) =>
        $"With 40 training rows and 17,000 weights the network can fit every row exactly, by curves that bend wherever it likes between them: on the spiral, training accuracy {TrainMetric(result.Real.Before)} against test accuracy {TestMetric(result.Real.Before)}. " +
        $"The L2 penalty makes large weights cost, so the fit stays smooth: test accuracy {TestMetric(result.Real.After)} (sum task test R² {TestMetric(result.Sum.Before)} → {TestMetric(result.Sum.After)}). " +
        $"Dropout, which trains on random halves-and-more of the units, gives {TestMetric(result.Real.Runs[2])} on the spiral and {TestMetric(result.Sum.Runs[2])} on the sum, where its noise on the output hurts a regression.";
}
