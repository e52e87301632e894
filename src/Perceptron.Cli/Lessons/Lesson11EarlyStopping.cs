namespace Perceptron.Cli.Lessons;

/// <summary>Lesson 11: watch held-out rows while training and keep the weights of the epoch where they did best.</summary>
internal sealed class Lesson11EarlyStopping : Lesson
{
    public override int Number => 11;

    public override string Title => "Early stopping";

    public override string Slug => "early-stopping";

    public override string Fix => "training stops when the validation loss has not improved for 20 epochs, and keeps the best epoch's weights";

    public override CodeLine Code => new("src/Perceptron/Training/Callbacks/EarlyStopping.cs", 92, "model.RestoreParameters(_bestWeights);");

    public override LessonTask SumTask => new(seed => LessonDataSets.SmallSum(seed, 50), Hidden: [128, 128], Epochs: 300, Threshold: 0.999, ValidationFraction: 0.2);

    public override LessonTask RealTask => new(seed => LessonDataSets.SmallBuiltIn("digits8x8", seed, 250), Hidden: [128, 128], Epochs: 150, Threshold: 0.9, ValidationFraction: 0.2);

    public override Recipe Apply(Recipe before) => before with { EarlyStoppingPatience = 20 };

    public override string WhatChanged(LessonResult result) =>
        $"The training loss falls for as long as training runs, but past some epoch the network learns the training rows' accidents and the loss on rows it has not seen stops falling. " +
        $"A fifth of the training rows is held out for validation; training stops 20 epochs after its best validation loss and goes back to that epoch ({LessonFormat.Count(result.Real.After.BestEpoch ?? 0)} of {LessonFormat.Count(result.Real.After.EpochsRun)} on the digits): " +
        $"test loss {TestLoss(result.Real.Before)} → {TestLoss(result.Real.After)} in {LessonFormat.Count(result.Real.After.Steps)} steps instead of {LessonFormat.Count(result.Real.Before.Steps)}.";
}
