using System.Text.Json;
using Perceptron.Serialization;
using Perceptron.Tabular;

namespace Perceptron.Cli.Tests.Commands;

/// <summary><c>train --checkpoint-dir / --resume</c>, gradient clipping, and what train does when training diverges.</summary>
public class TrainCheckpointTests
{
    [Theory]
    [InlineData("adam")]
    [InlineData("momentum")]
    public void Train_ResumedFromACheckpoint_SavesTheSameModelAsAnUninterruptedRun(string optimizer)
    {
        using var folder = new TempFolder();
        string data = CliRunner.DataFile("wine.csv"), checkpoints = folder.File("checkpoints");
        string[] common = ["train", data, "--optimizer", optimizer, "--validation-split", "0.2", "--batch-size", "16", "--seed", "5", "--quiet"];

        Assert.Equal(0, CliRunner.Run([.. common, "--epochs", "6", "--out", folder.File("whole.json")]).ExitCode);
        Assert.Equal(0, CliRunner.Run([.. common, "--epochs", "4", "--checkpoint-dir", checkpoints, "--checkpoint-every", "2"]).ExitCode);
        Assert.Equal(4, TrainingCheckpoint.Load(checkpoints).Epoch);
        var resumed = CliRunner.Run([.. common, "--epochs", "6", "--resume", checkpoints, "--out", folder.File("resumed.json")]);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        using var whole = JsonDocument.Parse(File.ReadAllText(folder.File("whole.json")));
        using var again = JsonDocument.Parse(File.ReadAllText(folder.File("resumed.json")));
        foreach (string field in (string[])["layers", "optimizer", "preprocessing", "features", "classes", "seed"])
        {
            // Weights are base64 of the float32 bits: equal text is bit-identical weights.
            Assert.Equal(whole.RootElement.GetProperty(field).GetRawText(), again.RootElement.GetProperty(field).GetRawText());
        }

        Assert.Equal(6, again.RootElement.GetProperty("training").GetProperty("epochs").GetInt32());
        Assert.Equal(
            whole.RootElement.GetProperty("training").GetProperty("final_loss").GetDouble(),
            again.RootElement.GetProperty("training").GetProperty("final_loss").GetDouble());
        Assert.Equal(6, TrainingCheckpoint.Load(checkpoints).Epoch); // --resume keeps checkpointing into its folder
    }

    /// <summary>
    /// Early stopping's memory is in the checkpoint: a run interrupted one epoch before it stops (two epochs without
    /// improvement counted), resumed, stops at the same epoch with the same best weights as the uninterrupted run.
    /// </summary>
    [Fact]
    public void Train_ResumedWithEarlyStopping_SavesTheSameModelAsAnUninterruptedRun()
    {
        using var folder = new TempFolder();
        string checkpoints = folder.File("checkpoints");
        string[] common = ["train", CliRunner.DataFile("wine.csv"), "--early-stopping", "2", "--learning-rate", "0.05", "--batch-size", "16", "--seed", "5", "--quiet"];

        Assert.Equal(0, CliRunner.Run([.. common, "--epochs", "100", "--out", folder.File("whole.json")]).ExitCode);
        using var whole = JsonDocument.Parse(File.ReadAllText(folder.File("whole.json")));
        var facts = whole.RootElement.GetProperty("training");
        int stop = facts.GetProperty("epochs").GetInt32();
        Assert.True(stop is > 3 and < 100, $"the reference run must stop early; it ran {stop} epochs");
        Assert.StartsWith("early stopping", facts.GetProperty("stop_reason").GetString(), StringComparison.Ordinal);

        Assert.Equal(0, CliRunner.Run([.. common, "--epochs", $"{stop - 1}", "--checkpoint-dir", checkpoints]).ExitCode);
        var resumed = CliRunner.Run([.. common, "--epochs", "100", "--resume", checkpoints, "--out", folder.File("resumed.json")]);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        using var again = JsonDocument.Parse(File.ReadAllText(folder.File("resumed.json")));
        Assert.Equal(whole.RootElement.GetProperty("layers").GetRawText(), again.RootElement.GetProperty("layers").GetRawText());
        foreach (string fact in (string[])["epochs", "stop_reason", "final_loss", "outcome"])
        {
            Assert.Equal(facts.GetProperty(fact).GetRawText(), again.RootElement.GetProperty("training").GetProperty(fact).GetRawText());
        }
    }

    [Fact]
    public void Train_ResumeWithOtherEarlyStopping_IsAOneLineError()
    {
        using var folder = new TempFolder();
        string checkpoints = folder.File("checkpoints");
        string[] common = ["train", "iris", "--epochs", "2", "--validation-split", "0.2", "--quiet"];
        Assert.Equal(0, CliRunner.Run([.. common, "--early-stopping", "3", "--checkpoint-dir", checkpoints]).ExitCode);

        ErrorPathTests.AssertOneLineError(CliRunner.Run([.. common, "--early-stopping", "4", "--resume", checkpoints]), 1, "early stopping has patience 3");
        ErrorPathTests.AssertOneLineError(CliRunner.Run([.. common, "--resume", checkpoints]), 1, "holds the state of 'early_stopping'");
    }

    [Theory]
    [InlineData("--batch-size", "8", "batch size (16) differs from this run's (8)")]
    [InlineData("--seed", "6", "differs from this run's")]
    [InlineData("--layers", "16", "resume with the same architecture")]
    [InlineData("--learning-rate", "0.05", "resume with the same optimizer settings")]
    [InlineData("--epochs", "1", "has completed 2 epochs, more than the 1 asked for")]
    public void Train_ResumeWithOtherSettings_IsAOneLineError(string option, string value, string expected)
    {
        using var folder = new TempFolder();
        string checkpoints = folder.File("checkpoints");
        Dictionary<string, string> settings = new() { ["--batch-size"] = "16", ["--seed"] = "5", ["--layers"] = "8", ["--learning-rate"] = "0.01", ["--epochs"] = "2" };
        string[] Args(Dictionary<string, string> s) => ["train", "iris", "--quiet", .. s.SelectMany(p => (string[])[p.Key, p.Value])];
        Assert.Equal(0, CliRunner.Run([.. Args(settings), "--checkpoint-dir", checkpoints]).ExitCode);

        settings[option] = value;
        var result = CliRunner.Run([.. Args(settings), "--resume", checkpoints]);

        ErrorPathTests.AssertOneLineError(result, 1, expected);
    }

    [Fact]
    public void Train_Diverging_PrintsTheReasonOnOneLine_SavesTheLastGoodModel_AndFails()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json");

        var result = CliRunner.Run("train", "iris", "--optimizer", "sgd", "--learning-rate", "1e12", "--epochs", "5", "--out", model, "--quiet");

        ErrorPathTests.AssertOneLineError(result, 1, "training stopped: the loss or its gradient became");
        Assert.Matches(@"at epoch \d+, batch \d+", result.Error);
        Assert.Contains("--clip-norm", result.Error, StringComparison.Ordinal);
        Assert.Contains("The last good model was saved to", result.Error, StringComparison.Ordinal);
        Assert.All(TabularModel.Load(model).Network.Parameters.ToArray(), w => Assert.True(float.IsFinite(w)));
    }

    [Fact]
    public void Train_WithClipping_Trains()
    {
        var json = CliRunner.Run("train", "iris", "--epochs", "20", "--clip-norm", "1", "--clip-value", "0.5", "--seed", "1", "--json").Json();
        Assert.True(json.GetProperty("test").GetProperty("accuracy").GetDouble() > 0.6);
    }

    [Theory]
    [InlineData("--clip-norm", "0")]
    [InlineData("--clip-value", "-1")]
    [InlineData("--clip-norm", "nan")]
    [InlineData("--checkpoint-every", "0")]
    public void Train_BadClippingOrCheckpointValue_IsAUsageError(string option, string value)
    {
        var result = CliRunner.Run("train", "iris", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
    }
}
