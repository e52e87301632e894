using Perceptron.Cli.Lessons;
using Perceptron.Cli.Pictures;
using Perceptron.Cli.Tests.Support;
using SkiaSharp;

namespace Perceptron.Cli.Tests.Lessons;

/// <summary>
/// What a lesson run records step by step, which lesson 12's table and pictures report: each step's gradient norm is
/// the length of the step SGD took (divided by η), clipping caps it, and a diverging run says at which step it stopped.
/// </summary>
public class StepRecordTests
{
    private const int Seed = 5;

    private static readonly Lesson Lesson12 = LessonCatalog.Find(12)!;

    /// <summary>Lesson 12's "before": plain SGD at η 2 on everything else the lessons built.</summary>
    private static readonly Recipe LargeStep = Lesson12.Prepare(LessonCatalog.RecipeBefore(Lesson12));

    private static readonly LessonTask Sum = new(LessonDataSets.Sum, Hidden: [16, 16], Epochs: 3, Threshold: 0.99);

    private static readonly Lazy<LessonData> SumData = new(() => Sum.Load(Seed));

    [Theory]
    [InlineData(0.5, null)]
    [InlineData(2.0, 1.0)]
    public void StepLength_IsTheDistanceTheParametersMoved(double rate, double? clip)
    {
        // One step per epoch (the whole training set as the batch), so the snapshots after epochs 1 and 2 are one step apart.
        var recipe = LargeStep with { Optimizer = OptimizerChoice.Sgd(rate), BatchSize = SumData.Value.Train.Rows, ClipNorm = clip };
        RunResult run = LessonRunner.Train("one step per epoch", recipe, Sum, SumData.Value, Seed, new HashSet<int> { 1, 2 });

        float[] first = run.Snapshots[1], second = run.Snapshots[2];
        double moved = Math.Sqrt(first.Zip(second, (a, b) => Math.Pow((double)b - a, 2)).Sum());
        Assert.Equal(3, run.StepGradientNormCurve.Count);
        Assert.True(moved > 1e-3, $"the second step should move the parameters (it moved {moved})");
        Assert.Equal(rate * run.StepGradientNormCurve[1], moved, 1e-3 * moved);
        if (clip is double limit)
        {
            Assert.Equal(rate * limit, moved, 1e-3 * moved);
        }
    }

    [Fact]
    public void DivergedRun_SaysWhichStepOverflowed()
    {
        RunResult run = LessonRunner.Train("before", LargeStep, Sum, SumData.Value, Seed);

        Assert.True(run.Diverged, "plain SGD at η 2 on the sum task should overflow");
        Assert.Equal(run.Steps, run.StepLossCurve.Count);
        Assert.Equal(run.Steps + 1, run.DivergedAtStep);
        int batchesPerEpoch = (SumData.Value.Train.Rows + LargeStep.BatchSize - 1) / LargeStep.BatchSize;
        Assert.Equal((int)(run.Steps / batchesPerEpoch) + 1, run.DivergedInEpoch);
        Assert.All(run.StepLossCurve, loss => Assert.True(double.IsFinite(loss), "the recorded steps are the good ones"));
        Assert.True(run.StepGradientNormCurve[^1] > 100 * run.StepGradientNormCurve[0],
            $"the gradient should grow before the overflow ({run.StepGradientNormCurve[0]} → {run.StepGradientNormCurve[^1]})");
    }

    [Fact]
    public void ClippedRun_NeverStepsFartherThanEtaTimesTheLimit()
    {
        RunResult unclipped = LessonRunner.Train("before", LargeStep, Sum, SumData.Value, Seed);
        RunResult clipped = LessonRunner.Train("after", Lesson12.Apply(LargeStep), Sum, SumData.Value, Seed);
        double limit = clipped.Recipe.ClipNorm!.Value;

        Assert.False(clipped.Diverged);
        Assert.Null(clipped.DivergedAtStep);
        Assert.Equal(clipped.Steps, clipped.StepGradientNormCurve.Count);
        Assert.All(clipped.StepGradientNormCurve, norm => Assert.True(norm <= limit * (1 + 1e-5), $"a clipped gradient's norm is at most {limit}, not {norm}"));

        // The runs are the same until the first gradient longer than the limit, which clipping scales down to exactly the limit.
        int first = unclipped.StepGradientNormCurve.ToList().FindIndex(norm => norm > limit);
        Assert.True(first >= 0, "the unclipped run's gradient should exceed the limit before it overflows");
        for (int step = 0; step < first; step++)
        {
            Assert.Equal(unclipped.StepGradientNormCurve[step], clipped.StepGradientNormCurve[step]);
        }

        Assert.Equal(limit, clipped.StepGradientNormCurve[first], 1e-5);
    }

    [Fact]
    public void StepLosses_AverageToTheEpochLoss()
    {
        var recipe = LargeStep with { Optimizer = OptimizerChoice.Sgd(0.1) };
        RunResult run = LessonRunner.Train("small", recipe, Sum, SumData.Value, Seed);
        int rows = SumData.Value.Train.Rows, batch = recipe.BatchSize, batches = (rows + batch - 1) / batch;

        for (int epoch = 0; epoch < Sum.Epochs; epoch++)
        {
            double sum = 0;
            for (int step = 0; step < batches; step++)
            {
                sum += run.StepLossCurve[(epoch * batches) + step] * Math.Min(batch, rows - (step * batch));
            }

            Assert.Equal(run.TrainLossCurve[epoch], sum / rows, 1e-6 * run.TrainLossCurve[epoch]);
        }
    }

    [Fact]
    public void StepPicture_DrawsEveryRunAndTheLimit()
    {
        LessonData data = SumData.Value;
        Recipe clipped = Lesson12.Apply(LargeStep);
        var task = new TaskResult("sum", Sum, data,
        [
            LessonRunner.Train("before", LargeStep, Sum, data, Seed),
            LessonRunner.Train("after", clipped, Sum, data, Seed),
            LessonRunner.Train("sensible", LargeStep with { Optimizer = OptimizerChoice.Sgd(0.2) }, Sum, data, Seed),
        ]);
        using var folder = new TempFolder();
        string path = folder.File("steps.png");
        PictureFile.Save(StepCurvesPicture.Build(Lesson12, task, LargeStep.Optimizer.LearningRate * clipped.ClipNorm!.Value), columns: 2, path, 1400, 520);

        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((1400, 520), (bitmap.Width, bitmap.Height));
        var colours = new HashSet<SKColor>();
        for (int y = 0; y < bitmap.Height; y += 2)
        {
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                colours.Add(bitmap.GetPixel(x, y));
            }
        }

        // Each run's line in its lesson colour (before red, after blue, the control the first variant colour).
        foreach (int column in (int[])[0, 1, 2])
        {
            var colour = Palette.Variant(column);
            Assert.True(colours.Any(c => Math.Abs(c.Red - colour.R) <= 2 && Math.Abs(c.Green - colour.G) <= 2 && Math.Abs(c.Blue - colour.B) <= 2),
                $"column {column}'s colour {colour.ToHex()} should appear in the picture");
        }
    }
}
