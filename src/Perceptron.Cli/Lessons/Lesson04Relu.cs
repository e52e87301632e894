using Perceptron.Activations;

namespace Perceptron.Cli.Lessons;

/// <summary>Lesson 4: ReLU hidden units, whose slope is 1 wherever they are active, so gradients reach the first layers.</summary>
internal sealed class Lesson04Relu : Lesson
{
    public override int Number => 4;

    public override string Title => "ReLU in the hidden layers";

    public override string Slug => "relu";

    public override string Fix => "hidden units compute max(0, z) instead of σ(z)";

    public override CodeLine Code => new("src/Perceptron/Activations/Relu.cs", 20, "TensorPrimitives.Max(z, T.Zero, a)");

    public override LessonTask SumTask => new(LessonDataSets.Sum, Hidden: [5], Epochs: 10, Threshold: 0.9999);

    public override LessonTask RealTask => new(seed => LessonDataSets.BuiltIn("spiral", seed), Hidden: [32, 32, 32], Epochs: 30, Threshold: 0.9);

    public override Recipe Apply(Recipe before) => before with { Hidden = Activation.Relu };

    public override IEnumerable<LessonRow> ExtraRows(TaskResult task) => task.Key == "sum"
        ? [Prediction(task, "predict_045_045", "0.45 + 0.45 →", 0.45f, 0.45f), .. GradientRows(task)]
        : GradientRows(task);

    public override string WhatChanged(LessonResult result) =>
        $"The backward pass multiplies by each layer's slope, and a sigmoid's slope is at most 0.25: through three sigmoid layers the first layer's gradient is " +
        $"{LessonFormat.Number(result.Real.Before.FirstEpochGradientRms[0])} against {LessonFormat.Number(result.Real.Before.FirstEpochGradientRms[^1])} at the output, so the first layers barely learn. " +
        $"A ReLU's slope is 1 wherever it is active ({LessonFormat.Number(result.Real.After.FirstEpochGradientRms[0])} at the first layer): the spiral goes from {TestMetric(result.Real.Before)} to {TestMetric(result.Real.After)} test accuracy, " +
        $"and the sum, itself piecewise linear, is learnt almost exactly (test R² {TestMetric(result.Sum.After)}).";
}
