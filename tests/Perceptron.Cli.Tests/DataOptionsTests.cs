using System.Text.Json;

namespace Perceptron.Cli.Tests;

/// <summary>The CSV dialect and column options end to end: each real-world shape trains with at most one option,
/// predict keeps columns and reports extras and unseen categories once, bad option values are usage errors.</summary>
public class DataOptionsTests
{
    [Theory]
    [InlineData("counts-line-classes.csv")]
    [InlineData("counts-line-header.csv")]
    [InlineData("no-header.csv.gz")]
    [InlineData("comment-lines.csv")]
    [InlineData("comments-inside.csv", "--comment", "#")]
    [InlineData("date-column.csv", "--auto-columns")]
    [InlineData("text-columns.csv", "--auto-columns")]
    [InlineData("sparse-missing.csv")]
    [InlineData("short-rows.csv", "--target", "label")]
    [InlineData("identifiers.csv", "--auto-columns")]
    [InlineData("categorical-missing.csv")]
    [InlineData("semicolon-decimal-comma.csv", "--decimal", ",")]
    [InlineData("single-quoted.csv", "--quote", "'")]
    [InlineData("excel-export.csv")]
    public void Train_RealWorldShape_WithAtMostOneOption(string file, params string[] option)
    {
        CliResult result = CliRunner.Run(["train", RealWorld(file), "--epochs", "2", "--layers", "8", .. option]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain("Exception", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_NotesWhatTheLoaderDid()
    {
        CliResult result = CliRunner.Run("train", RealWorld("categorical-missing.csv"), "--epochs", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("note: categorical (one-hot encoded): 'city' (4 categories), 'plan' (2 categories)", result.Output, StringComparison.Ordinal);
        Assert.Contains("note: missing values, filled with the training rows' median", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_Json_SendsTheNotesToStandardError()
    {
        CliResult result = CliRunner.Run("train", RealWorld("comment-lines.csv"), "--epochs", "1", "--json");

        result.Json();
        Assert.Contains("perceptron: note: skipped 2 lines starting with '#'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ColumnThatCannotBeAFeature_NamesTheOptionsInOneLine()
    {
        CliResult result = CliRunner.Run("train", RealWorld("date-column.csv"), "--epochs", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"perceptron: {RealWorld("date-column.csv")}: a column cannot be a feature: 'date' (dates); leave it out with --auto-columns or --ignore date, or one-hot a text column anyway with --categorical NAME", result.Error.TrimEnd());
    }

    [Fact]
    public void PredictAndEvaluate_CategoriesMissingCellsUnseenCategoriesAndKeptColumns()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json"), rows = folder.File("rows.csv"), labelled = folder.File("labelled.csv"), predictions = folder.File("predictions.csv");
        Assert.Equal(0, CliRunner.Run("train", RealWorld("categorical-missing.csv"), "--epochs", "40", "--out", model, "--missing-indicators", "--quiet").ExitCode);
        File.WriteAllText(rows, "id,spend,age,plan,city,note\n1,50,30,basic,Paris,a\n2,150,,pro,Marseille,b\n3,80,44,,,c\n");
        File.WriteAllText(labelled, "city,plan,age,spend,churned\nParis,basic,30,50,no\nMarseille,pro,,150,yes\nToulon,gold,44,80,no\n");

        CliResult predicted = CliRunner.Run("predict", model, rows, "--keep", "id", "--out", predictions);
        CliResult evaluated = CliRunner.Run("evaluate", model, RealWorld("categorical-missing.csv"), "--json");
        CliResult unseen = CliRunner.Run("evaluate", model, labelled, "--json");

        Assert.True(predicted.ExitCode == 0, predicted.Error);
        string[] lines = File.ReadAllLines(predictions);
        Assert.Equal("id,class,p_no,p_yes", lines[0]);
        Assert.Equal(["1", "2", "3"], lines[1..].Select(line => line.Split(',')[0]));
        Assert.Equal(
            "perceptron: note: skipped 1 column the model does not use: 'note'\n" +
            "perceptron: warning: 1 cell of 'city' holds a category the model never saw ('Marseille'); they are encoded as 'other' or as no category\n" +
            "perceptron: note: 3 missing cells filled in as in training\n",
            predicted.Error.ReplaceLineEndings("\n"));
        Assert.True(evaluated.Json().GetProperty("accuracy").GetDouble() > 0.5);
        Assert.True(unseen.ExitCode == 0, unseen.Error);
        Assert.Contains("perceptron: warning: 2 cells of 'city' hold categories the model never saw; they are encoded as 'other' or as no category", unseen.Error, StringComparison.Ordinal);
        Assert.Contains("perceptron: warning: 1 cell of 'plan' holds a category the model never saw;", unseen.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_NoHeaderAndTargetByIndex()
    {
        using var folder = new TempFolder();
        string data = folder.File("plain.csv");
        File.WriteAllText(data, string.Concat(Enumerable.Range(0, 40).Select(i => $"{i % 2},{i % 5}.5,{(i * 7) % 11}\n")));

        CliResult result = CliRunner.Run("train", data, "--no-header", "--target", "0", "--epochs", "1", "--json");

        var json = result.Json();
        Assert.Equal("classification", json.GetProperty("task").GetString());
    }

    [Theory]
    [InlineData("cv", "-k", "2")]
    [InlineData("tune", "--trials", "1", "--folds", "2")]
    public void CrossValidateAndTune_ReadTheSameShapes(string command, params string[] own)
    {
        CliResult result = CliRunner.Run([command, RealWorld("date-column.csv"), "--auto-columns", "--epochs", "2", "--json", .. own]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("perceptron: note: left out a column that cannot be a feature (--auto-columns): 'date' (dates)", result.Error, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, result.Json().ValueKind);
    }

    [Theory]
    [InlineData("--delimiter", "ab", "perceptron train: --delimiter expects one character, such as ';' or tab; got 'ab' (see 'perceptron train --help')")]
    [InlineData("--decimal", ";", "perceptron train: --decimal expects '.' or ','; got ';' (see 'perceptron train --help')")]
    [InlineData("--impute", "mode", "perceptron train: --impute must be one of median, mean, most-frequent; got 'mode'")]
    [InlineData("--skip-rows", "-1", "perceptron train: --skip-rows must be at least 0; got -1 (see 'perceptron train --help')")]
    [InlineData("--ignore", "a,,b", "perceptron train: --ignore expects comma-separated column names, such as a,b; got 'a,,b' (see 'perceptron train --help')")]
    public void Train_BadDataOptionValue_IsAUsageError(string option, string value, string message)
    {
        CliResult result = CliRunner.Run("train", RealWorld("sparse-missing.csv"), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ContradictoryDialect_IsAUsageErrorBeforeReading()
    {
        CliResult result = CliRunner.Run("train", "no-such-file.csv", "--delimiter", ",", "--decimal", ",");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("perceptron: --delimiter cannot be ',', the decimal separator; use ',', ';', tab or '|'.", result.Error.TrimEnd());
    }

    private static string RealWorld(string file) => Path.Combine(AppContext.BaseDirectory, "Data", "RealWorld", file);
}
