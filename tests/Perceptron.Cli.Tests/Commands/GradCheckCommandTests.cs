namespace Perceptron.Cli.Tests.Commands;

public class GradCheckCommandTests
{
    [Theory]
    [InlineData("mse", "tanh")]
    [InlineData("mae", "elu")]
    [InlineData("huber", "gelu")]
    [InlineData("binary_crossentropy", "sigmoid")]
    [InlineData("categorical_crossentropy", "leaky_relu")]
    [InlineData("sparse_categorical_crossentropy", "relu")]
    public void Spec_EveryLoss_PassesWithEveryTensorListed(string loss, string activation)
    {
        var result = CliRunner.Run("gradcheck", "--layers", "5,4", "--activation", activation, "--loss", loss, "--l2", "0.01", "--dropout", "0.2", "--json");

        var json = result.Json();
        Assert.True(json.GetProperty("passed").GetBoolean(), result.Output);
        string[] tensors = [.. json.GetProperty("tensors").EnumerateArray().Select(t => $"{t.GetProperty("layer").GetString()} {t.GetProperty("tensor").GetString()}")];
        Assert.Equal(["dense kernel", "dense bias", "dense_1 kernel", "dense_1 bias", "dense_2 kernel", "dense_2 bias"], tensors);
        Assert.All(json.GetProperty("tensors").EnumerateArray(), t => Assert.True(t.GetProperty("max_relative_error").GetDouble() <= 1e-5));
    }

    [Fact]
    public void ModelFile_IsChecked_WithATable()
    {
        using var folder = new TempFolder();
        string model = folder.File("iris.json");
        Assert.Equal(0, CliRunner.Run("train", "iris", "--epochs", "2", "--layers", "6", "--out", model, "--quiet").ExitCode);

        var result = CliRunner.Run("gradcheck", model, "--elements", "5");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Contains("Sequential(4 → 6 → 3), loss sparse_categorical_crossentropy", result.Output, StringComparison.Ordinal);
        Assert.Contains("dense kernel", result.Output, StringComparison.Ordinal);
        Assert.Contains("5/24", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "--loss", "bogus", "--loss: Unknown loss 'bogus'")]
    [InlineData(2, "--activation", "swish", "--activation: Unknown activation 'swish'")]
    [InlineData(2, "--dropout", "1.5", "--dropout must be in [0, 1)")]
    [InlineData(1, "no-such-model.json", "", "no-such-model.json")]
    public void BadInput_IsOneLine(int exitCode, string first, string second, string message)
    {
        var result = second.Length > 0 ? CliRunner.Run("gradcheck", first, second) : CliRunner.Run("gradcheck", first);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }
}
