using Perceptron.Cli.Lessons;
using Perceptron.Cli.Pictures;
using SkiaSharp;

namespace Perceptron.Cli.Tests.Pictures;

/// <summary>A lesson's picture folder holds the per-layer histograms of its before and after networks and the sum task's computation graphs.</summary>
public class LessonPicturesTests
{
    [Fact]
    public void Default_WritesHistogramsForBeforeAndAfter_AndTheSumTasksGraphs()
    {
        var lesson = LessonCatalog.All.Single(l => l.Number == 4);
        var sum = new LessonTask(LessonDataSets.Sum, Hidden: [3], Epochs: 3, Threshold: 0.9);
        var real = new LessonTask(seed => LessonDataSets.BuiltIn("iris", seed), Hidden: [5, 4], Epochs: 3, Threshold: 0.9);
        Recipe before = lesson.Prepare(LessonCatalog.RecipeBefore(lesson)), after = lesson.Apply(before);
        var result = new LessonResult(lesson, 1, before, after, Run("sum", sum, before, after), Run("real", real, before, after));
        using var folder = new TempFolder();

        var written = LessonPictures.Default(result, folder.Path);

        foreach (var (file, layers) in new[] { ("sum-before-histograms.png", 2), ("sum-after-histograms.png", 2), ("real-before-histograms.png", 3), ("real-after-histograms.png", 3) })
        {
            string path = folder.File(file);
            Assert.Contains(path, written);
            using var bitmap = SKBitmap.Decode(path);
            Assert.Equal((layers * HistogramsPicture.PanelWidth, 4 * HistogramsPicture.PanelHeight), (bitmap.Width, bitmap.Height));
            Assert.True(bitmap.Pixels.Distinct().Count() > 100, $"{file} looks blank");
        }

        foreach (string file in new[] { "sum-before-graph.png", "sum-after-graph.png", "sum-after-network.png" })
        {
            string path = folder.File(file);
            Assert.Contains(path, written);
            using var bitmap = SKBitmap.Decode(path);
            Assert.True(bitmap.Width >= 900 && bitmap.Height >= 500, $"{file} is {bitmap.Width}×{bitmap.Height}");
            Assert.True(bitmap.Pixels.Distinct().Count() > 100, $"{file} looks blank");
        }
    }

    [Fact]
    public void Default_OnASumTaskBinnedIntoClasses_DrawsTheDiagramWithoutDeltasAndNoGraph()
    {
        var lesson = LessonCatalog.All.Single(l => l.Number == 9);
        var sum = new LessonTask(LessonDataSets.SumTenths, Hidden: [3], Epochs: 2, Threshold: 0.9);
        var real = new LessonTask(seed => LessonDataSets.BuiltIn("iris", seed), Hidden: [3], Epochs: 2, Threshold: 0.9);
        Recipe before = lesson.Prepare(LessonCatalog.RecipeBefore(lesson)), after = lesson.Apply(before);
        var result = new LessonResult(lesson, 1, before, after, Run("sum", sum, before, after), Run("real", real, before, after));
        using var folder = new TempFolder();

        var written = LessonPictures.Default(result, folder.Path);

        Assert.Contains(folder.File("sum-after-network.png"), written);
        Assert.Contains(folder.File("sum-after-histograms.png"), written);
        Assert.DoesNotContain(written, path => path.EndsWith("-graph.png", StringComparison.Ordinal));
    }

    private static TaskResult Run(string key, LessonTask task, Recipe before, Recipe after)
    {
        // A couple of hundred rows: the pictures, not the training, are under test.
        LessonData full = task.Load(1);
        LessonData data = full with { Train = full.Train.SelectRows([.. Enumerable.Range(0, Math.Min(200, full.Train.Rows))]) };
        var epochs = TrainingAnimation.FrameEpochs(task.Epochs);
        return new TaskResult(key, task, data, [LessonRunner.Train("before", before, task, data, 1, epochs), LessonRunner.Train("after", after, task, data, 1, epochs)]);
    }
}
