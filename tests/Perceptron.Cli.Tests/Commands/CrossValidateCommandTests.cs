using System.Text.Json;

namespace Perceptron.Cli.Tests.Commands;

/// <summary><c>perceptron cv</c> on built-in and committed data, with --json and tables.</summary>
public class CrossValidateCommandTests
{
    [Fact]
    public void Cv_BuiltIn_Json_HasEveryFoldAndTheirMeanAndStd()
    {
        JsonElement json = CliRunner.Run("cv", "iris", "-k", "3", "--epochs", "2", "--layers", "4", "--json").Json();

        Assert.Equal(3, json.GetProperty("folds").GetInt32());
        Assert.True(json.GetProperty("stratified").GetBoolean());
        JsonElement[] folds = [.. json.GetProperty("per_fold").EnumerateArray()];
        Assert.Equal(150, folds.Sum(f => f.GetProperty("test_rows").GetInt32()));
        double[] accuracy = [.. folds.Select(f => f.GetProperty("accuracy").GetDouble())];
        JsonElement summary = json.GetProperty("metrics").GetProperty("accuracy");
        Assert.Equal(accuracy.Average(), summary.GetProperty("mean").GetDouble(), 1e-12);
        Assert.Equal(Math.Sqrt(accuracy.Select(a => (a - accuracy.Average()) * (a - accuracy.Average())).Average()), summary.GetProperty("std").GetDouble(), 1e-12);
        Assert.Equal(3, folds[0].GetProperty("per_class").GetArrayLength());
        Assert.True(json.GetProperty("metrics").TryGetProperty("f1_macro", out _));
    }

    [Fact]
    public void Cv_CommittedRegressionFile_Json_ReportsRmse()
    {
        JsonElement json = CliRunner.Run("cv", CliRunner.DataFile("diabetes.csv"), "--folds", "2", "--epochs", "2", "--layers", "4", "--json").Json();

        Assert.Equal("regression", json.GetProperty("task").GetString());
        Assert.False(json.GetProperty("stratified").GetBoolean());
        Assert.True(json.GetProperty("metrics").GetProperty("rmse").GetProperty("mean").GetDouble() > 0);
    }

    [Fact]
    public void Cv_Table_ShowsFoldsMeanAndStd()
    {
        var result = CliRunner.Run("cv", CliRunner.DataFile("breast_cancer.csv"), "-k", "2", "--epochs", "1", "--layers", "4");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2-fold stratified cross-validation", result.Output, StringComparison.Ordinal);
        Assert.Contains("roc_auc", result.Output, StringComparison.Ordinal);
        Assert.Contains("± std", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"accuracy: \d\.\d{4} ± \d\.\d{4} \(mean ± standard deviation over 2 folds\)", result.Output);
    }

    [Fact]
    public void Cv_MoreFoldsThanRows_IsAUsageError()
    {
        using var folder = new TempFolder();
        string csv = folder.File("tiny.csv");
        File.WriteAllText(csv, "a,y\n1,x\n2,y\n3,x\n");
        ErrorPathTests.AssertOneLineError(CliRunner.Run("cv", csv, "-k", "5"), 2, "--folds 5 needs at least 5 rows");
    }
}
