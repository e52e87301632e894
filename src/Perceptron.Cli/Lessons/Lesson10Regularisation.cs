namespace Perceptron.Cli.Lessons;

/// <summary>Lesson 10: an L2 penalty on the weights (and, beside it, dropout) against fitting the few training rows too well.</summary>
internal sealed class Lesson10Regularisation : Lesson
{
    public override int Number => 10;

    public override string Title => "L2 and dropout against overfitting";

    public override string Slug => "regularisation";

    public override string Fix => "the loss adds λ·Σw² with λ = 0.001, pulling every weight towards 0";

    public override CodeLine Code => new("src/Perceptron/Layers/Dense.cs", 257, "TensorPrimitives.MultiplyAdd(_weights.Span, T.CreateTruncating(2 * L2), dW, dW);");

    public override LessonTask SumTask => new(seed => LessonDataSets.SmallSum(seed, 40), Hidden: [128, 128], Epochs: 300, Threshold: 0.999);

    public override LessonTask RealTask => new(seed => LessonDataSets.SmallBuiltIn("digits8x8", seed, 150), Hidden: [128, 128], Epochs: 150, Threshold: 0.8);

    public override Recipe Apply(Recipe before) => before with { L2 = 1e-3 };

    public override IReadOnlyList<LessonVariant> Variants =>
    [
        new("dropout", "dropout 0.3 instead", (before, _) => before with { Dropout = 0.3 }),
    ];

    public override string WhatChanged(LessonResult result) =>
        $"With 150 training digits and 25,000 weights the network fits every training row (training accuracy {TrainMetric(result.Real.Before)}) with weights that bend the fit wherever they like between the rows: test accuracy {TestMetric(result.Real.Before)}, test loss {TestLoss(result.Real.Before)}. " +
        $"The L2 penalty makes large weights cost, so the fit stays smoother: test accuracy {TestMetric(result.Real.After)}, test loss {TestLoss(result.Real.After)}; on 40 sum pairs test R² {TestMetric(result.Sum.Before)} → {TestMetric(result.Sum.After)}. " +
        $"Dropout, which trains each step on a random 70 % of the hidden units, gives {TestMetric(result.Real.Runs[2])} on the digits and {TestMetric(result.Sum.Runs[2])} on the sum, where the noise it adds to the output hurts a regression.";
}
