namespace Perceptron.Cli.Tests.Commands;

/// <summary>End-to-end runs of train, evaluate, predict and info through the real entry point, on real data sets.</summary>
public class TrainCommandTests
{
    [Theory]
    [InlineData("iris", 0.95)]
    [InlineData("breast_cancer.csv", 0.95)]
    [InlineData("digits8x8", 0.96)]
    public void Train_Classification_WithDefaults_ReachesTarget(string data, double minimumAccuracy)
    {
        string path = data.EndsWith(".csv", StringComparison.Ordinal) ? CliRunner.DataFile(data) : data;
        var json = CliRunner.Run("train", path, "--seed", "42", "--json").Json();

        Assert.Equal("classification", json.GetProperty("task").GetString());
        double accuracy = json.GetProperty("test").GetProperty("accuracy").GetDouble();
        Assert.True(accuracy >= minimumAccuracy, $"{data}: test accuracy {accuracy}");
        Assert.True(json.GetProperty("train").GetProperty("loss").GetDouble() > 0);
    }

    [Fact]
    public void Train_Regression_Diabetes_WithDefaults_ReachesR2()
    {
        // 88 test rows make one split's R² swing by ±0.15, so judge the defaults over five seeds (five splits).
        var r2 = new List<double>();
        foreach (string seed in new[] { "1", "2", "3", "4", "5" })
        {
            var json = CliRunner.Run("train", CliRunner.DataFile("diabetes.csv"), "--seed", seed, "--json").Json();
            Assert.Equal("regression", json.GetProperty("task").GetString());
            var test = json.GetProperty("test");
            Assert.True(test.GetProperty("mae").GetDouble() > 0);
            Assert.True(test.GetProperty("mse").GetDouble() > 0);
            Assert.True(test.TryGetProperty("loss", out _));
            r2.Add(test.GetProperty("r2").GetDouble());
        }

        Assert.True(r2.Average() >= 0.4, $"test R² by seed: {string.Join(", ", r2)}");
        Assert.True(r2[0] >= 0.4, $"seed 1 (the README's example) gives test R² {r2[0]}");
    }

    [Fact]
    public void Train_Mnist_Subset_LearnsDigits()
    {
        var json = CliRunner.Run("train", "mnist", "--layers", "128", "--epochs", "10", "--seed", "1", "--json").Json();
        Assert.True(json.GetProperty("test").GetProperty("accuracy").GetDouble() >= 0.85);
    }

    [Fact]
    public void TrainSaveLoad_PredictionsAreBitIdentical_AndEvaluateAgrees()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json"), predictions = folder.File("preds.csv"), again = folder.File("again.csv");
        string data = CliRunner.DataFile("wine.csv");
        var trained = CliRunner.Run("train", data, "--epochs", "30", "--seed", "3", "--test-split", "0", "--out", model, "--json").Json();

        Assert.Equal(0, CliRunner.Run("predict", model, data, "--out", predictions).ExitCode);
        Assert.Equal(0, CliRunner.Run("predict", model, data, "--out", again).ExitCode);
        Assert.Equal(File.ReadAllText(predictions), File.ReadAllText(again));
        string[] lines = File.ReadAllLines(predictions);
        Assert.StartsWith("class,p_", lines[0], StringComparison.Ordinal);
        Assert.Equal(File.ReadAllLines(data).Length, lines.Length);

        var evaluated = CliRunner.Run("evaluate", model, data, "--json").Json();
        Assert.Equal(trained.GetProperty("train").GetProperty("accuracy").GetDouble(), evaluated.GetProperty("accuracy").GetDouble(), 1e-12);
        Assert.Equal(trained.GetProperty("train").GetProperty("loss").GetDouble(), evaluated.GetProperty("loss").GetDouble(), 1e-9);
    }

    [Fact]
    public void Predict_Regression_WritesValuesInTargetUnits()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json");
        Assert.Equal(0, CliRunner.Run("train", CliRunner.DataFile("diabetes.csv"), "--epochs", "5", "--out", model, "--quiet").ExitCode);

        var result = CliRunner.Run("predict", model, CliRunner.DataFile("diabetes.csv"));

        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("progression", lines[0].Trim());
        double first = double.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(first, 20, 400); // the target's own units, not the standardised ones
    }

    [Fact]
    public void Info_ShowsSummaryPreprocessingAndClasses()
    {
        using var folder = new TempFolder();
        string model = folder.File("iris.json");
        Assert.Equal(0, CliRunner.Run("train", "iris", "--epochs", "2", "--out", model, "--quiet").ExitCode);

        var result = CliRunner.Run("info", model);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Total params", result.Output, StringComparison.Ordinal);
        Assert.Contains("setosa", result.Output, StringComparison.Ordinal);
        Assert.Contains("standardise", result.Output, StringComparison.Ordinal);
        Assert.Contains("epochs", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_Plot_WritesAPng()
    {
        using var folder = new TempFolder();
        string plot = folder.File("curves.png");
        Assert.Equal(0, CliRunner.Run("train", "iris", "--epochs", "5", "--validation-split", "0.2", "--plot", plot, "--quiet").ExitCode);

        byte[] png = File.ReadAllBytes(plot);
        Assert.True(png.Length > 1000);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void Train_HumanOutput_ShowsMetricsTableAndConfusionMatrix()
    {
        var result = CliRunner.Run("train", "iris", "--epochs", "20", "--validation-split", "0.1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("validation", result.Output, StringComparison.Ordinal);
        Assert.Contains("Confusion matrix (test)", result.Output, StringComparison.Ordinal);
        Assert.Contains("versicolor", result.Output, StringComparison.Ordinal);
        Assert.Contains("20 epochs in", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Datasets_ListsTheBuiltIns()
    {
        var result = CliRunner.Run("datasets");
        foreach (string name in new[] { "sum", "xor", "circles", "moons", "spiral", "iris", "digits8x8", "mnist" })
        {
            Assert.Contains(name, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Train_Animate_WritesOneFramePerChosenEpoch_AndTheGif()
    {
        using var folder = new TempFolder();
        string gif = folder.File("moons.gif");

        var result = CliRunner.Run("train", "moons", "--layers", "8", "--epochs", "30", "--animate", gif, "--quiet");

        Assert.True(result.ExitCode == 0, result.Error);
        int expected = Perceptron.Cli.Pictures.TrainingAnimation.FrameEpochs(30).Count;
        Assert.Equal(expected, Directory.GetFiles(folder.File("moons"), "frame-*.png").Length);
        using var image = SixLabors.ImageSharp.Image.Load(gif);
        Assert.Equal(expected, image.Frames.Count);
    }

    [Theory]
    [InlineData("moons", "training.png", "give a file name ending in .gif")]
    [InlineData("iris", "training.gif", "iris has 4 feature column(s)")]
    public void Train_Animate_WithoutAGifOrTwoFeatures_IsAUsageError(string data, string file, string expected)
    {
        using var folder = new TempFolder();

        var result = CliRunner.Run("train", data, "--epochs", "1", "--animate", folder.File(file));

        ErrorPathTests.AssertOneLineError(result, 2, expected);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
