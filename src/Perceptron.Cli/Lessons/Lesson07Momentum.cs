using Perceptron.Cli.Pictures;

namespace Perceptron.Cli.Lessons;

/// <summary>Lesson 7: momentum, a running sum of past gradients that keeps moving along consistent directions.</summary>
internal sealed class Lesson07Momentum : Lesson
{
    public override int Number => 7;

    public override string Title => "Momentum";

    public override string Slug => "momentum";

    public override string Fix => "each step follows a velocity v = 0.9·v + g instead of the gradient g alone";

    public override CodeLine Code => new("src/Perceptron/Optimizers/Sgd.cs", 69, "velocity[i] = mu * velocity[i] + g;");

    public override LessonTask SumTask => new(LessonDataSets.Sum, Hidden: [16, 16], Epochs: 20, Threshold: 0.999);

    public override LessonTask RealTask => new(seed => LessonDataSets.BuiltIn("digits8x8", seed), Hidden: [32, 32, 32], Epochs: 20, Threshold: 0.95);

    public override Recipe Apply(Recipe before) => before with { Optimizer = OptimizerChoice.Momentum(before.Optimizer.LearningRate) };

    public override IReadOnlyList<LessonVariant> Variants =>
    [
        new("sgd_same_reach", "plain SGD, η 0.5", (before, _) => before with { Optimizer = OptimizerChoice.Sgd(0.5) }),
    ];

    public override string WhatChanged(LessonResult result) =>
        $"Along a direction where the gradient keeps its sign, the velocity grows to 1/(1 − 0.9) = 10 times the gradient; where it flips, the terms cancel. " +
        $"With the same η the digits go from {TestMetric(result.Real.Before)} to {TestMetric(result.Real.After)} test accuracy, and the sum task reaches test R² ≥ {LessonFormat.Threshold("r2", result.Sum.Task.Threshold)} at {Reached(result.Sum.After)} instead of {Reached(result.Sum.Before)}. " +
        $"Plain SGD with a 10× step does about as well here ({TestMetric(result.Real.Runs[2])}): on these batches momentum's gain is mostly that larger effective step; the optimizer-path picture shows the damping of zig-zags it adds.";

    /// <summary>The default pictures and the optimizers' paths on a slice of the sum task's loss (the before network's output weights).</summary>
    public override IReadOnlyList<string> WritePictures(LessonResult result, string folder)
    {
        var written = new List<string>(LessonPictures.Default(result, folder));
        var slice = LossSlice.Of(NetworkView.Of(result.Sum.Before.Model), result.Sum.Data.Train);
        string path = Path.Combine(folder, "sum-optimizer-paths.png");
        PictureFile.Save(OptimizerPathPicture.Build(slice, "sum task: the optimizers' paths on a slice of the loss").Plot, path, 900, 800);
        written.Add(path);
        return written;
    }
}
