using Perceptron.Activations;
using Perceptron.Cli.Lessons;
using Perceptron.Cli.Pictures;
using Perceptron.Initializers;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using SkiaSharp;

namespace Perceptron.Cli.Tests.Pictures;

/// <summary>The loss slice is the network's own loss, exactly; the paths are the library's optimizers on it.</summary>
public class OptimizerPathTests
{
    private static readonly LessonTask Sum = new(LessonDataSets.Sum, Hidden: [8], Epochs: 3, Threshold: 0.99);

    private static readonly Lazy<(LessonData Data, RunResult Run, LossSlice Slice)> Trained = new(() =>
    {
        LessonData data = Sum.Load(2);
        var recipe = Recipe.Original with
        {
            Classic = false,
            Biases = true,
            RegressionOutput = Activation.Linear,
            Hidden = Activation.Tanh,
            Initializer = Initializer.GlorotUniform,
            BatchSize = 16,
            Optimizer = OptimizerChoice.Adam(0.01),
        };
        RunResult run = LessonRunner.Train("after", recipe, Sum, data, seed: 2);
        return (data, run, LossSlice.Of(NetworkView.Of(run.Model), data.Train, maxRows: int.MaxValue));
    });

    [Fact]
    public void Slice_AtTheTrainedWeights_IsTheNetworksOwnTrainingLoss()
    {
        var (data, run, slice) = Trained.Value;
        var targets = new Matrix<float>(data.Train.Rows, 1, (float[])data.Train.Targets!.Clone());
        double networkLoss = run.Model.Network.Evaluate(data.Train.Features, targets)["loss"];
        double sliceLoss = slice.Loss(slice.Trained.Theta1, slice.Trained.Theta2);
        Assert.True(Math.Abs(networkLoss - sliceLoss) <= 1e-4 * networkLoss, $"network {networkLoss}, slice {sliceLoss}");
    }

    [Fact]
    public void Slice_GradientMatchesFiniteDifferences_AndVanishesAtTheMinimum()
    {
        var (_, _, slice) = Trained.Value;
        var (t1, t2) = (slice.Trained.Theta1 + 0.3, slice.Trained.Theta2 - 0.2);
        var (g1, g2) = slice.Gradient(t1, t2);
        const double H = 1e-6;
        Assert.Equal((slice.Loss(t1 + H, t2) - slice.Loss(t1 - H, t2)) / (2 * H), g1, 1e-6);
        Assert.Equal((slice.Loss(t1, t2 + H) - slice.Loss(t1, t2 - H)) / (2 * H), g2, 1e-6);

        var (m1, m2) = slice.Gradient(slice.Minimum.Theta1, slice.Minimum.Theta2);
        Assert.True(Math.Abs(m1) < 1e-9 && Math.Abs(m2) < 1e-9, $"gradient at the minimum: ({m1}, {m2})");
        Assert.True(slice.Steepest >= slice.Flattest && slice.Flattest > 0);
    }

    [Fact]
    public void Paths_AreTheLibrarysOptimizers_FromOneStart_AndAllGoDownhill()
    {
        var (_, _, slice) = Trained.Value;
        var start = OptimizerPathPicture.Start(slice);
        var (g1, g2) = slice.Gradient(start.Theta1, start.Theta2);
        double eta = 1.8 / slice.Steepest;

        var sgd = slice.Path(new Sgd(eta), start, 1);
        Assert.Equal(start.Theta1 - (eta * g1), sgd[1].Theta1, 1e-12);
        Assert.Equal(start.Theta2 - (eta * g2), sgd[1].Theta2, 1e-12);

        // Adam's first step moves each parameter by η against its gradient's sign, whatever the gradient's size.
        var adam = slice.Path(new Adam(0.01), start, 1);
        Assert.Equal(0.01, Math.Abs(adam[1].Theta1 - start.Theta1), 1e-6);
        Assert.Equal(0.01, Math.Abs(adam[1].Theta2 - start.Theta2), 1e-6);

        var (plot, paths) = OptimizerPathPicture.Build(slice, "test");
        Assert.Equal(5, paths.Count);
        double startLoss = slice.Loss(start.Theta1, start.Theta2);
        foreach (var (name, path) in paths)
        {
            Assert.Equal(start, path[0]);
            Assert.Equal(OptimizerPathPicture.Steps + 1, path.Count);
            Assert.True(slice.Loss(path[^1].Theta1, path[^1].Theta2) < 0.5 * startLoss, $"{name} did not go downhill");
        }

        using var folder = new TempFolder();
        string file = folder.File("paths.png");
        PictureFile.Save(plot, file, 700, 600);
        using var bitmap = SKBitmap.Decode(file);
        Assert.Equal((700, 600), (bitmap.Width, bitmap.Height));
        Assert.True(bitmap.Pixels.Distinct().Count() > 100, "the picture looks blank");
    }
}
