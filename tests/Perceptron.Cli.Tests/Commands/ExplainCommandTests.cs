using System.Text.Json;
using Perceptron.Classic;
using Perceptron.Data;
using Perceptron.Explain;
using Perceptron.Tabular;
using Perceptron.Tensors;

namespace Perceptron.Cli.Tests.Commands;

public class ExplainCommandTests
{
    [Fact]
    public void Classic_Json_IsTheLibrarysExplanationOfTheDemosFirstStep()
    {
        var result = CliRunner.Run("explain", "--classic", "--sample", "0", "--json");

        Assert.Equal(0, result.ExitCode);
        var (inputs, targets) = SumOfTwoNumbers.Generate(5000, 42);
        var mlp = new MultilayerPerceptron(2, [5], 1, seed: SumOfTwoNumbers.WeightSeed(42));
        // The library's explanation is checked number by number against independent formulas (ClassicExplainerTests).
        Assert.Equal(ClassicExplainer.Explain(mlp, inputs[0], targets[0], 0.1).ToJson().Trim(), result.Output.Trim());
    }

    [Fact]
    public void Classic_Terminal_ShowsEveryKindOfValue_ForEveryLayer()
    {
        var result = CliRunner.Run("explain", "--classic", "--hidden", "3,2");

        Assert.Equal(0, result.ExitCode);
        foreach (int layer in new[] { 0, 1, 2 })
        {
            foreach (string symbol in new[] { $"W[{layer}]:", $"b[{layer}]:", $"h[{layer}]:", $"a[{layer + 1}]:", $"e[{layer + 1}]:", $"δ[{layer}]:", $"Derivatives[{layer}]:", $"η·Derivatives[{layer}]:" })
            {
                Assert.Contains(symbol, result.Output, StringComparison.Ordinal);
            }
        }

        Assert.Contains("src/Perceptron/Classic/MultilayerPerceptron.cs:", result.Output, StringComparison.Ordinal);
        Assert.Contains("e[0]: the error at the input layer", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Classic_AtALaterEpochAndSample_ExplainsTheStepTrainingTakesThere()
    {
        var result = CliRunner.Run("explain", "--classic", "--samples", "20", "--sample", "3", "--epoch", "2", "--json");

        var (inputs, targets) = SumOfTwoNumbers.Generate(20, 42);
        var mlp = new MultilayerPerceptron(2, [5], 1, seed: SumOfTwoNumbers.WeightSeed(42));
        mlp.Train(inputs, targets, 1, 0.1);
        mlp.Train(inputs[..3], targets[..3], 1, 0.1);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(2, json.RootElement.GetProperty("epoch").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("rows")[0].GetInt32());
        Assert.Equal(ClassicExplainer.Explain(mlp, inputs[3], targets[3], 0.1, 3, 2).ToJson().Trim(), result.Output.Trim());
    }

    [Fact]
    public void Markdown_HasHeadingsFormulasAndTables()
    {
        var result = CliRunner.Run("explain", "--classic", "--markdown");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("# One training step: MultilayerPerceptron(2-5-1, sigmoid, biases)", result.Output, StringComparison.Ordinal);
        Assert.Contains("## Backward, layer 0", result.Output, StringComparison.Ordinal);
        Assert.Contains("**h[0]**: the net inputs of layer 1. `h[0] = a[0]·W[0] + b[0]` — `src/Perceptron/Classic/MultilayerPerceptron.cs:", result.Output, StringComparison.Ordinal);
        Assert.Contains("|---|---:|", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void SavedModel_OnACsvRow_ExplainsTheEngineStep()
    {
        using var folder = new TempFolder();
        string model = folder.File("wine.json"), data = CliRunner.DataFile("wine.csv");
        Assert.Equal(0, CliRunner.Run("train", data, "--layers", "5", "--epochs", "2", "--out", model, "--quiet").ExitCode);

        var result = CliRunner.Run("explain", model, data, "--row", "7", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        JsonElement root = json.RootElement;
        Assert.Equal("engine", root.GetProperty("network").GetString());
        Assert.Equal(7, root.GetProperty("rows")[0].GetInt32());
        Assert.Equal("sparse_categorical_crossentropy", root.GetProperty("loss").GetString());
        // a[0] is row 7 as the network sees it: aligned and standardised with the model's scaler.
        TabularModel file = TabularModel.Load(model);
        TabularDataset rows = CsvLoader.Load(data, new CsvLoadOptions());
        Matrix<float> expected = file.Scaler!.Transform(file.AlignFeatures(rows.SelectRows([7])));
        JsonElement input = root.GetProperty("values").EnumerateArray().First(v => v.GetProperty("id").GetString() == "input.x");
        Assert.Equal(expected.Data, input.GetProperty("values")[0].EnumerateArray().Select(v => v.GetSingle()));
        string[] ids = [.. root.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("id").GetString()!)];
        Assert.Contains("backward.0.grad_W", ids);
        Assert.Contains("update.0.W.m_hat", ids);
        Assert.Contains("forward.1.mask", ids);
    }

    [Fact]
    public void DataSet_AtEpochTwo_StartsFromTheTrainedWeightsAndOptimizerState()
    {
        var result = CliRunner.Run("explain", "iris", "--row", "2", "--layers", "3", "--epoch", "2", "--json");

        using var json = JsonDocument.Parse(result.Output);
        JsonElement t = json.RootElement.GetProperty("values").EnumerateArray().First(v => v.GetProperty("id").GetString() == "update.t");
        // 150 rows in batches of 32: 5 steps in epoch 1, so this is step 6.
        Assert.Equal(6, t.GetProperty("values").GetInt32());
    }

    [Fact]
    public void BigMatrices_AreAbbreviated_UnlessFull()
    {
        var shortForm = CliRunner.Run("explain", "digits8x8", "--row", "0", "--layers", "10");
        var full = CliRunner.Run("explain", "digits8x8", "--row", "0", "--layers", "10", "--full");

        Assert.Equal(0, shortForm.ExitCode);
        Assert.Contains("showing 7 of 64 rows and 7 of 10 columns; --full shows all", shortForm.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("--full shows all", full.Output, StringComparison.Ordinal);
        Assert.True(full.Output.Length > shortForm.Output.Length);
    }

    [Fact]
    public void IntoAFileOrPipe_TheSectionRulesStayShort()
    {
        // Redirected output gets a console that never wraps (width 100,000); a rule must not fill that width.
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = CliApp.Run(["explain", "--classic"], CliConsole.Unwrapped(output), error);

        Assert.Equal(0, exitCode);
        string[] rules = [.. output.ToString().Split('\n').Where(line => line.StartsWith("──", StringComparison.Ordinal))];
        Assert.Contains(rules, line => line.StartsWith("── Input ", StringComparison.Ordinal));
        Assert.All(rules, line => Assert.Equal(100, line.TrimEnd('\r').Length));
    }

    [Theory]
    [InlineData(2, "Say what to explain", "explain")]
    [InlineData(2, "--row 500 is past the last row of iris (150 rows, 0–149)", "explain", "iris", "--row", "500")]
    [InlineData(2, "--sample 10 is past the last of the 10 samples", "explain", "--classic", "--samples", "10", "--sample", "10")]
    [InlineData(2, "--classic explains the demo's network", "explain", "--classic", "iris")]
    [InlineData(1, "no-such-data", "explain", "no-such-data")]
    public void BadRequests_AreOneLine(int exitCode, string message, params string[] args)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }
}
