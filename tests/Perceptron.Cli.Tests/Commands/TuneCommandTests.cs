using System.Text.Json;

namespace Perceptron.Cli.Tests.Commands;

/// <summary><c>perceptron tune</c>: trials, the best settings and the model trained with them, reproducible with a seed.</summary>
public class TuneCommandTests
{
    private static readonly string[] Small = ["--layers", "4", "8", "--learning-rate", "0.01,0.003", "--dropout", "0", "--l2", "0", "--batch-size", "32", "--epochs", "2"];

    [Fact]
    public void Tune_BuiltIn_Json_RunsTheTrials_KeepsTheBest_AndSavesItsModel()
    {
        using var folder = new TempFolder();
        string model = folder.File("best.json");
        string[] args = ["tune", "iris", .. Small, "--trials", "3", "-k", "2", "--seed", "7", "--out", model, "--json"];

        JsonElement json = CliRunner.Run(args).Json();

        Assert.Equal(4, json.GetProperty("combinations").GetInt32());
        JsonElement[] trials = [.. json.GetProperty("trials").EnumerateArray()];
        Assert.Equal(3, trials.Length);
        Assert.Equal(trials.Max(t => t.GetProperty("score").GetDouble()), json.GetProperty("best").GetProperty("score").GetDouble());
        Assert.Equal(30, json.GetProperty("final").GetProperty("test").GetProperty("rows").GetInt32());

        // The saved model has the best settings and its test metrics.
        var saved = Perceptron.Tabular.TabularModel.Load(model);
        int[] bestLayers = [.. json.GetProperty("best").GetProperty("layers").EnumerateArray().Select(e => e.GetInt32())];
        Assert.Equal(bestLayers, saved.Training!.Options["layers"].EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(json.GetProperty("final").GetProperty("test").GetProperty("accuracy").GetDouble(), saved.Training.Metrics["test"]["accuracy"]);

        // Reproducible: the same seed gives the same trials and scores.
        JsonElement again = CliRunner.Run(args).Json();
        Assert.Equal(trials.Select(t => t.GetProperty("score").GetDouble()), again.GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("score").GetDouble()));
    }

    [Fact]
    public void Tune_CommittedFile_Grid_WithHoldout_ScoresByTheChosenMetric()
    {
        JsonElement json = CliRunner.Run(["tune", CliRunner.DataFile("wine.csv"), .. Small, "--search", "grid", "--trials", "4", "--holdout", "0.25", "--metric", "log_loss", "--json"]).Json();

        Assert.Equal("grid", json.GetProperty("search").GetString());
        Assert.False(json.GetProperty("higher_is_better").GetBoolean());
        JsonElement[] trials = [.. json.GetProperty("trials").EnumerateArray()];
        Assert.Equal(4, trials.Length);
        Assert.Equal(trials.Min(t => t.GetProperty("score").GetDouble()), json.GetProperty("best").GetProperty("score").GetDouble());
        Assert.All(trials, t => Assert.Equal(t.GetProperty("metrics").GetProperty("log_loss").GetDouble(), t.GetProperty("score").GetDouble()));
    }

    [Fact]
    public void Tune_Table_ShowsTheTrialsAndTheBestSettings()
    {
        var result = CliRunner.Run(["tune", "diabetes", .. Small, "--trials", "2", "--holdout", "0.2"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Random search: 2 of 4 combinations, each scored by r2", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"Best \(trial \d\): --layers \d --learning-rate 0\.0\d+ --dropout 0 --l2 0 --batch-size 32, r2 ", result.Output);
    }

    [Theory]
    [InlineData("the grid has 432 combinations, more than --trials 20", "tune", "no-such.csv", "--search", "grid")]
    [InlineData("give --folds or --holdout, not both", "tune", "no-such.csv", "--folds", "3", "--holdout", "0.2")]
    [InlineData("--metric must be one of", "tune", "no-such.csv", "--metric", "speed")]
    [InlineData("--dropout expects numbers in [0, 1)", "tune", "no-such.csv", "--dropout", "0,1.5")]
    public void Tune_BadSearch_IsAUsageErrorBeforeTheDataIsRead(string expected, params string[] args) =>
        ErrorPathTests.AssertOneLineError(CliRunner.Run(args), 2, expected);

    [Fact]
    public void Tune_MetricOfTheOtherTask_IsAUsageError() =>
        ErrorPathTests.AssertOneLineError(CliRunner.Run(["tune", "iris", .. Small, "--metric", "rmse"]), 2, "rmse is not a classification metric");

    [Fact]
    public void Tune_MoreFoldsThanRowsLeft_IsAUsageError()
    {
        using var folder = new TempFolder();
        string csv = folder.File("tiny.csv");
        File.WriteAllText(csv, "a,y\n1,x\n2,y\n3,x\n4,y\n");
        ErrorPathTests.AssertOneLineError(CliRunner.Run("tune", csv, "--folds", "5", "--trials", "1", "--epochs", "1"), 2, "--folds 5 needs at least 5 rows to tune on");
    }
}
