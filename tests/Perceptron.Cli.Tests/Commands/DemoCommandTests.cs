using System.Globalization;
using System.Text.RegularExpressions;
using Perceptron.Classic;

namespace Perceptron.Cli.Tests.Commands;

public partial class DemoCommandTests
{
    [Fact]
    public void Demo_WithDefaults_LearnsTheSum_PrintingEveryEpochLikeTheOriginal()
    {
        var result = CliRunner.Run("demo");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var epochs = EpochLine().Matches(result.Output);
        Assert.Equal(Enumerable.Range(1, 100), epochs.Select(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
        double firstError = Parse(epochs[0].Groups[1].Value), lastError = Parse(epochs[^1].Groups[1].Value);
        Assert.True(lastError < 1e-3 && lastError < firstError, $"errors {firstError} → {lastError}");
        Assert.Equal(lastError, Parse(FinalError().Match(result.Output).Groups[1].Value));
        Assert.Contains("Training time:", result.Output, StringComparison.Ordinal);

        // It ends as the original does: "Training complete!", then the predictions.
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        int complete = Array.IndexOf(lines, "Training complete!");
        Assert.True(complete > 0 && lines[complete + 1] == "=====", result.Output);
        Assert.All(lines[(complete + 2)..], line => Assert.StartsWith("Trained Neural Network Calculation Test: ", line, StringComparison.Ordinal));
        var row = PredictionRow().Match(result.Output);
        Assert.True(row.Success, result.Output);
        Assert.Equal(0.4, Parse(row.Groups[1].Value), 0.03);

        // The README quotes this run's final error and 0.1 + 0.3 prediction.
        var quoted = ReadmeFigures().Match(File.ReadAllText(ReadmePath()));
        Assert.True(quoted.Success, "README.md no longer quotes the demo's final error and 0.1 + 0.3 prediction");
        Assert.Equal(Parse(quoted.Groups[1].Value), lastError, 0.000005);
        Assert.Equal(quoted.Groups[2].Value, row.Groups[1].Value);
    }

    private static string ReadmePath()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Perceptron.slnx")))
            {
                return Path.Combine(folder.FullName, "README.md");
            }
        }

        throw new InvalidOperationException("The repository root (Perceptron.slnx) was not found above the test folder.");
    }

    [Fact]
    public void Demo_Precision_ShowsEveryDigit()
    {
        var rounded = CliRunner.Run("demo", "--epochs", "2", "--samples", "50");
        var full = CliRunner.Run("demo", "--epochs", "2", "--samples", "50", "--precision", "17");

        string Prediction(CliResult r) => PredictionRow().Match(r.Output).Groups[1].Value;
        Assert.InRange(Prediction(rounded).TrimStart('0', '.').Length, 1, 4);
        Assert.True(Prediction(full).Length >= 15, Prediction(full));
        Assert.Equal(Parse(Prediction(rounded)), Parse(Prediction(full)), 0.0001);
    }

    [Fact]
    public void Demo_DataAndInitialWeights_ComeFromSeparateStreams()
    {
        var (inputs, _) = SumOfTwoNumbers.Generate(samples: 3, seed: 42);
        var mlp = new MultilayerPerceptron(2, [5], 1, seed: SumOfTwoNumbers.WeightSeed(42));

        // One shared stream made W[0][0, 0] exactly twice the first input (both came from the same draw).
        double[] firstWeights = [mlp.Weights[0][0, 0], mlp.Weights[0][0, 1], mlp.Weights[0][0, 2], mlp.Weights[0][0, 3]];
        foreach (double input in inputs.SelectMany(pair => pair))
        {
            Assert.DoesNotContain(2 * input, firstWeights);
        }

        Assert.NotEqual(SumOfTwoNumbers.DataSeed(42), SumOfTwoNumbers.WeightSeed(42));
        Assert.NotEqual(SumOfTwoNumbers.DataSeed(42), SumOfTwoNumbers.DataSeed(43));
    }

    [Fact]
    public void Demo_Plot_WritesAPng()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "curve.png");

        var result = CliRunner.Run("demo", "--epochs", "5", "--samples", "200", "--plot", path);

        Assert.Equal(0, result.ExitCode);
        byte[] png = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Contains("Error curve saved to", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_PlotIntoMissingFolder_FailsBeforeTraining()
    {
        var result = CliRunner.Run("demo", "--plot", Path.Combine("no", "such", "folder", "curve.png"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Error:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_Engine_PrintsEpochLinesAndEndsLikeTheOriginal()
    {
        var result = CliRunner.Run("demo", "--engine", "--epochs", "3", "--samples", "300");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, EpochLine().Matches(result.Output).Count);
        Assert.Contains("Training complete!", result.Output, StringComparison.Ordinal);
        Assert.Contains("0.1 + 0.2 = ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_Verbose_TracesTheFirstSample()
    {
        var result = CliRunner.Run("demo", "--epochs", "1", "--samples", "10", "--hidden", "3,2", "--verbose");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("MultilayerPerceptron(2-3-2-1, sigmoid, biases)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Derivatives[2]: the weight derivatives of W[2]", result.Output, StringComparison.Ordinal);
        Assert.Contains("Derivatives[0]: the weight derivatives of W[0]", result.Output, StringComparison.Ordinal);
        Assert.Contains("h[0] = a[0]·W[0] + b[0]", result.Output, StringComparison.Ordinal);
        Assert.Contains("W[1] ← W[1] + η·Derivatives[1]", result.Output, StringComparison.Ordinal);
        Assert.Contains("e[0]: the error at the input layer", result.Output, StringComparison.Ordinal);
        // The trace explains a step without taking it: training still starts from the same weights.
        Assert.Equal(EpochLines(CliRunner.Run("demo", "--epochs", "1", "--samples", "10", "--hidden", "3,2").Output), EpochLines(result.Output));
    }

    [Fact]
    public void Demo_NoBiases_UsesTheOriginalNetwork()
    {
        var result = CliRunner.Run("demo", "--no-biases", "--epochs", "2", "--samples", "100");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("(2-5-1, sigmoid, no biases)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_SameSeed_GivesSameOutput()
    {
        string Predictions(string seed) => PredictionRow().Match(CliRunner.Run("demo", "--epochs", "3", "--seed", seed).Output).Value;

        Assert.Equal(Predictions("7"), Predictions("7"));
        Assert.NotEqual(Predictions("7"), Predictions("8"));
    }

    [Theory]
    [InlineData("--epochs", "-1", "--epochs must be at least 0")]
    [InlineData("--samples", "0", "--samples must be at least 1")]
    [InlineData("--learning-rate", "0", "--learning-rate must be a finite number greater than 0")]
    [InlineData("--hidden", "5,x", "'x' is not one")]
    [InlineData("--hidden", "0", "'0' is not one")]
    [InlineData("--epochs", "many", "--epochs expects a whole number; got 'many'")]
    [InlineData("--learning-rate", "fast", "--learning-rate expects a number")]
    [InlineData("--learning-rate", "NaN", "finite number greater than 0")]
    public void Demo_BadOption_IsAUsageErrorWithoutStackTrace(string option, string value, string message)
    {
        var result = CliRunner.Run("demo", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_IsAUsageError()
    {
        var result = CliRunner.Run("frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("frobnicate", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_DescribesEveryDemoOption()
    {
        var result = CliRunner.Run("demo", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (string option in new[] { "--epochs", "--learning-rate", "--hidden", "--samples", "--seed", "--no-biases", "--verbose", "--log", "--precision", "--plot" })
        {
            Assert.Contains(option, result.Output, StringComparison.Ordinal);
        }
    }

    private static string[] EpochLines(string output) => [.. EpochLine().Matches(output).Select(m => m.Value)];

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Error: ([0-9.E+-]+) at epoch (\d+)$", RegexOptions.Multiline)]
    private static partial Regex EpochLine();

    [GeneratedRegex(@"the mean error is ([0-9.]+) and 0\.1 \+ 0\.3 comes out as ([0-9]+\.[0-9]+)")]
    private static partial Regex ReadmeFigures();

    [GeneratedRegex(@"Final mean error: ([0-9.E+-]+)")]
    private static partial Regex FinalError();

    [GeneratedRegex(@"0\.1 \+ 0\.3 is equal to ([0-9.E+-]+)")]
    private static partial Regex PredictionRow();
}
