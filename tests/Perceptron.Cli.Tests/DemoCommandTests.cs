using System.Globalization;
using System.Text.RegularExpressions;

namespace Perceptron.Cli.Tests;

public partial class DemoCommandTests
{
    [Fact]
    public void Demo_WithDefaults_LearnsTheSum()
    {
        var result = CliRunner.Run("demo");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        double finalError = double.Parse(FinalError().Match(result.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(finalError < 1e-3, $"final error {finalError}");
        var row = PredictionRow().Match(result.Output);
        Assert.True(row.Success, result.Output);
        Assert.Equal(0.4, double.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture), 0.03);
        Assert.Contains("Training time:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_Verbose_TracesTheFirstSample()
    {
        var result = CliRunner.Run("demo", "--epochs", "1", "--samples", "10", "--hidden", "3,2", "--verbose");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("MultilayerPerceptron(2-3-2-1, sigmoid, biases)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Derivatives for W[2]", result.Output, StringComparison.Ordinal);
        Assert.Contains("Derivatives for W[0]", result.Output, StringComparison.Ordinal);
        Assert.Contains("error at the input layer", result.Output, StringComparison.Ordinal);
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
        foreach (string option in new[] { "--epochs", "--learning-rate", "--hidden", "--samples", "--seed", "--no-biases", "--verbose" })
        {
            Assert.Contains(option, result.Output, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"Final mean error: ([0-9.]+)")]
    private static partial Regex FinalError();

    [GeneratedRegex(@"0\.1 \+ 0\.3 = 0\.4\s*│\s*([0-9.]+)")]
    private static partial Regex PredictionRow();
}
