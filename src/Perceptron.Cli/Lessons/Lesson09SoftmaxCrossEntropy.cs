namespace Perceptron.Cli.Lessons;

/// <summary>Lesson 9: classes as a softmax distribution trained by cross-entropy, whose gradient does not vanish when the network is confidently wrong.</summary>
internal sealed class Lesson09SoftmaxCrossEntropy : Lesson
{
    public override int Number => 9;

    public override string Title => "Softmax and cross-entropy for classes";

    public override string Slug => "softmax-cross-entropy";

    public override string Fix => "classification ends in a softmax over the classes with the cross-entropy loss, instead of one sigmoid per class with MSE";

    public override CodeLine Code => new("src/Perceptron/Losses/SparseCategoricalCrossEntropy.cs", 57, "g[label] -= scale;");

    public override LessonTask SumTask => new(LessonDataSets.SumTenths, Hidden: [32, 32], Epochs: 20, Threshold: 0.95);

    public override LessonTask RealTask => new(seed => LessonDataSets.BuiltIn("mnist", seed), Hidden: [32, 32, 32], Epochs: 10, Threshold: 0.9);

    public override Recipe Apply(Recipe before) => before with { SoftmaxCrossEntropy = true };

    public override string WhatChanged(LessonResult result) =>
        $"Through a sigmoid, the MSE gradient carries the factor σ′ = σ(1 − σ), near 0 when a unit is confidently wrong; softmax with cross-entropy gives the logits the gradient p − y, as large as the mistake. " +
        $"So learning is faster: telling which tenth a + b falls in, test accuracy {TestMetric(result.Sum.Before)} → {TestMetric(result.Sum.After)}; on MNIST 90 % comes at {Reached(result.Real.After)} instead of {Reached(result.Real.Before)} " +
        $"(final test accuracy {TestMetric(result.Real.Before)} → {TestMetric(result.Real.After)}). The outputs also become probabilities that sum to 1.";
}
