namespace Perceptron.Cli.Lessons;

/// <summary>Lesson 2: a regression output without a sigmoid, so it can reach every value the target takes.</summary>
internal sealed class Lesson02LinearOutput : Lesson
{
    public override int Number => 2;

    public override string Title => "A linear output for regression";

    public override string Slug => "linear-output";

    public override string Fix => "the output unit of a regression is linear, a = z, instead of σ(z)";

    public override CodeLine Code => new("src/Perceptron/Activations/Linear.cs", 19, "public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int columns) => z.CopyTo(a);");

    public override LessonTask SumTask => new(LessonDataSets.Sum, Hidden: [5], Epochs: 30, Threshold: 0.999);

    public override LessonTask RealTask => new(LessonDataSets.IrisPetalWidth, Hidden: [5], Epochs: 100, Threshold: 0.8);

    /// <summary>The classic class has only sigmoid outputs: from here on the engine runs the same network (float32, the same step).</summary>
    public override Recipe Prepare(Recipe before) => before with { Classic = false };

    public override Recipe Apply(Recipe before) => before with { RegressionOutput = Perceptron.Activations.Activation.Linear };

    public override IEnumerable<LessonRow> ExtraRows(TaskResult task) => task.Key == "sum"
        ? [Prediction(task, "predict_045_045", "0.45 + 0.45 →", 0.45f, 0.45f)]
        : [new LessonRow("largest_prediction", "largest test prediction (cm)", [.. task.Runs.Select(run => LessonFormat.Number(LargestPrediction(run, task.Data)))])];

    public override string WhatChanged(LessonResult result) =>
        $"A sigmoid output can only approach 1, and ever more slowly: its slope σ′ = σ(1 − σ) shrinks near the top, where the sums of the sum task are also rarest, so 0.45 + 0.45 came out {Predicted(result.Sum.Before)}. " +
        $"A linear output has no ceiling and a constant slope: {Predicted(result.Sum.After)}, test R² {TestMetric(result.Sum.Before)} → {TestMetric(result.Sum.After)}. " +
        $"Petal widths run up to 2.5 cm, out of a sigmoid's reach altogether: R² {TestMetric(result.Real.Before)} → {TestMetric(result.Real.After)}.";

    private static string Predicted(RunResult run) => LessonFormat.Number(run.Model.Predict([0.45f, 0.45f])[0]);

    private static double LargestPrediction(RunResult run, LessonData data) => run.Model.Predict(data.Test.Features).Data.Max();
}
