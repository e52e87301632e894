using Perceptron.Activations;
using Perceptron.Cli.Lessons;
using Perceptron.Cli.Pictures;
using Perceptron.Initializers;
using ScottPlot;
using SkiaSharp;

namespace Perceptron.Cli.Tests.Pictures;

/// <summary>
/// The lessons' pictures are made, are not blank, and show what the network computes: the decision regions' pixels
/// have the colour of the model's own prediction at that point.
/// </summary>
public class PictureTests
{
    private static readonly LessonTask Moons = new(seed => LessonDataSets.BuiltIn("moons", seed), Hidden: [8], Epochs: 40, Threshold: 0.9);

    private static readonly Recipe Modern = Recipe.Original with
    {
        Classic = false,
        Biases = true,
        Hidden = Activation.Tanh,
        Initializer = Initializer.GlorotUniform,
        ScaleInputs = true,
        SoftmaxCrossEntropy = true,
        BatchSize = 16,
        Shuffle = true,
        Optimizer = OptimizerChoice.Adam(0.02),
    };

    private static readonly Lazy<(LessonData Data, RunResult Run)> Trained = new(() =>
    {
        LessonData data = Moons.Load(3);
        return (data, LessonRunner.Train("after", Modern, Moons, data, seed: 3, TrainingAnimation.FrameEpochs(Moons.Epochs)));
    });

    [Fact]
    public void DecisionRegions_ColourEachPlaceByTheModelsPrediction()
    {
        var (data, run) = Trained.Value;
        Assert.True(run.TestMetric > 0.9, $"the test network should have learned the moons (test accuracy {run.TestMetric})");
        var picture = new BoundaryPicture(NetworkView.Of(run.Model), data.Train, gridSize: 40);
        Plot plot = picture.Build("moons");
        using var folder = new TempFolder();
        string path = folder.File("regions.png");
        PictureFile.Save(plot, path, 640, 560);
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((640, 560), (bitmap.Width, bitmap.Height));

        // Every grid cell's centre, away from the training points drawn on top, has its class colour at the model's confidence.
        var outputs = picture.Predictions();
        var colormap = new ClassColormap(outputs.Columns);
        var points = data.Train.Features;
        int checkedCells = 0, agreeing = 0;
        var classesSeen = new HashSet<int>();
        var mismatches = new List<string>();
        for (int cell = 0; cell < outputs.Rows; cell += 7)
        {
            double x = picture.Grid.X(cell % picture.Grid.Size), y = picture.Grid.Y(cell / picture.Grid.Size);
            Pixel pixel = plot.GetPixel(new Coordinates(x, y));
            bool nearAPoint = Enumerable.Range(0, points.Rows).Any(row =>
            {
                Pixel marker = plot.GetPixel(new Coordinates(points[row, 0], points[row, 1]));
                return Math.Abs(marker.X - pixel.X) < 8 && Math.Abs(marker.Y - pixel.Y) < 8;
            });
            if (nearAPoint)
            {
                continue;
            }

            var (k, confidence) = BoundaryPicture.Decide(outputs.Row(cell));
            Color expected = colormap.GetColor(colormap.Position(k, confidence));
            SKColor actual = bitmap.GetPixel((int)Math.Round(pixel.X), (int)Math.Round(pixel.Y));
            checkedCells++;
            classesSeen.Add(k);
            if (Math.Abs(actual.Red - expected.R) <= 3 && Math.Abs(actual.Green - expected.G) <= 3 && Math.Abs(actual.Blue - expected.B) <= 3)
            {
                agreeing++;
            }
            else if (mismatches.Count < 5)
            {
                mismatches.Add($"({x:F2}, {y:F2}): class {k} wants {expected.ToHex()}, pixel is {actual}");
            }
        }

        Assert.True(checkedCells >= 100, $"only {checkedCells} cells were away from the training points");
        Assert.Equal(2, classesSeen.Count);
        Assert.True(agreeing >= 0.97 * checkedCells, $"{agreeing} of {checkedCells} cells have the colour of the model's prediction; e.g. {string.Join("; ", mismatches)}");
    }

    [Fact]
    public void HiddenUnits_OneDistinctMapPerUnit()
    {
        var (data, run) = Trained.Value;
        var plots = HiddenUnitsPicture.Build(NetworkView.Of(run.Model), data.Train);
        Assert.Equal(8, plots.Count);
        using var folder = new TempFolder();
        string path = folder.File("units.png");
        PictureFile.Save(plots, columns: 4, path, 600, 300);
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((600, 300), (bitmap.Width, bitmap.Height));
        Assert.True(DistinctColours(bitmap) > 200, "the unit maps look blank");

        // Each quarter-tile shows its own unit: no two tiles are the same picture.
        var tiles = Enumerable.Range(0, 8).Select(i => Tile(bitmap, i % 4 * 150, i / 4 * 150, 150, 150)).ToList();
        Assert.Equal(8, tiles.Distinct().Count());
    }

    [Fact]
    public void NetworkDiagram_IsDrawnWithTheSamplesActivations()
    {
        var (_, run) = Trained.Value;
        var network = NetworkView.Of(run.Model);
        using var folder = new TempFolder();
        string png = folder.File("network.png"), svg = folder.File("network.svg");
        Plot plot = NetworkDiagram.Build(network, "moons", network.Forward([0.1f, -0.2f]));
        PictureFile.Save(plot, png, 900, 600);
        PictureFile.Save(plot, svg, 900, 600);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((900, 600), (bitmap.Width, bitmap.Height));
        Assert.True(DistinctColours(bitmap) > 50, "the diagram looks blank");
        Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
    }

    [Fact]
    public void TrainingAnimation_HasOneChangingFramePerRecordedEpoch()
    {
        var (data, run) = Trained.Value;
        var epochs = TrainingAnimation.FrameEpochs(Moons.Epochs);
        Assert.Equal(epochs.Order(), run.Snapshots.Keys.Order());
        float[] final = run.Model.Network.Parameters.ToArray();
        using var folder = new TempFolder();
        string gif = folder.File("training.gif");

        var written = TrainingAnimation.Write(run.Model, run.Snapshots, data.Train, "moons", folder.File("frames"), gif);

        Assert.Equal(epochs.Count + 1, written.Count);
        Assert.Equal(final, run.Model.Network.Parameters.ToArray());
        using var animation = SixLabors.ImageSharp.Image.Load(gif);
        Assert.Equal(epochs.Count, animation.Frames.Count);
        using var first = SKBitmap.Decode(written[0]);
        using var last = SKBitmap.Decode(written[^2]);
        Assert.NotEqual(Tile(first, 0, 0, first.Width, first.Height), Tile(last, 0, 0, last.Width, last.Height));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 10)]
    [InlineData(300, 24)]
    public void FrameEpochs_EndWithTheLastEpoch_AtMost24(int epochs, int frames)
    {
        var chosen = TrainingAnimation.FrameEpochs(epochs);
        Assert.Equal(frames, chosen.Count);
        Assert.Equal(1, chosen.Min());
        Assert.Equal(epochs, chosen.Max());
    }

    private static int DistinctColours(SKBitmap bitmap) => bitmap.Pixels.Distinct().Count();

    private static string Tile(SKBitmap bitmap, int left, int top, int width, int height)
    {
        var hash = new HashCode();
        for (int y = top; y < top + height; y++)
        {
            for (int x = left; x < left + width; x++)
            {
                hash.Add(bitmap.GetPixel(x, y));
            }
        }

        return hash.ToHashCode().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
