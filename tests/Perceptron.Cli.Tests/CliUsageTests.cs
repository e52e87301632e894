using System.Text.Json;
using Perceptron.Cli.Commands;
using Perceptron.Data;
using Perceptron.Tabular;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Perceptron.Cli.Tests;

/// <summary>A command line that speaks command line: the program's name in help, usage errors caught before any data is
/// read (exit 2, one line, a "did you mean"), no .NET text in messages, output that does not wrap when redirected,
/// numbers that fit a cell.</summary>
public class CliUsageTests
{
    [Theory]
    [InlineData("train")]
    [InlineData("cv")]
    [InlineData("tune")]
    [InlineData("evaluate")]
    public void Help_NamesTheProgramPerceptron(string command)
    {
        var result = CliRunner.Run(command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"perceptron {command} ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Perceptron.Cli", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void NoArguments_ShowsTheCommands()
    {
        var result = CliRunner.Run();
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("perceptron [command]", result.Output, StringComparison.Ordinal);
        Assert.Contains("tune <DATA>", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void LayersHelp_ShowsTheDefaultAsWritten()
    {
        string help = CliRunner.Run("train", "--help").Output;
        Assert.Contains("[default: 64,32]", help, StringComparison.Ordinal);
        Assert.DoesNotContain("64|32", help, StringComparison.Ordinal);

        // And the default is what a run without --layers gets.
        using var folder = new TempFolder();
        string model = folder.File("model.json");
        Assert.Equal(0, CliRunner.Run("train", "iris", "--epochs", "1", "--out", model, "--quiet").ExitCode);
        Assert.Equal([64, 32], TabularModel.Load(model).Training!.Options["layers"].EnumerateArray().Select(e => e.GetInt32()));
    }

    [Theory]
    [InlineData("perceptron: unknown command 'trian'; did you mean 'train'?", "trian", "iris")]
    [InlineData("perceptron train: unknown option '--epoch'; did you mean '--epochs'?", "train", "iris", "--epoch", "3")]
    [InlineData("perceptron train: unknown option '--learning'; did you mean '--learning-rate'?", "train", "iris", "--learning", "0.1")]
    [InlineData("perceptron train: --optimizer must be one of sgd, momentum, nesterov, adam, adamw, rmsprop; got 'adamm'; did you mean 'adam'?", "train", "iris", "--optimizer", "adamm")]
    public void Typo_IsOneUsageLineWithASuggestion(string expected, params string[] args)
    {
        var result = CliRunner.Run(args);
        ErrorPathTests.AssertOneLineError(result, 2, expected);
    }

    /// <summary>Every bad value is a usage error found while parsing: the data file named here does not exist, so an error
    /// about the file would mean the data was read first.</summary>
    [Theory]
    [InlineData("--optimizer", "adagrad", "--optimizer must be one of")]
    [InlineData("--activation", "swish", "--activation must be one of")]
    [InlineData("--activation", "softmax", "only the output layer")]
    [InlineData("--learning-rate", "-0.1", "--learning-rate must be a finite number greater than 0")]
    [InlineData("--layers", "64,,32", "has an empty entry")]
    [InlineData("--layers", "", "needs at least one layer size")]
    [InlineData("--layers", "64,x", "'x' is not one")]
    [InlineData("--l2", "-1", "--l2 must be a finite number ≥ 0")]
    [InlineData("--dropout", "1", "--dropout must be a number in [0, 1)")]
    [InlineData("--task", "clustering", "--task must be one of classification, regression")]
    [InlineData("--class-weight", "heavy", "--class-weight: 'heavy' is not CLASS=WEIGHT")]
    [InlineData("--early-stopping", "0", "--early-stopping expects a patience")]
    public void BadValue_IsAUsageErrorBeforeTheDataIsRead(string option, string value, string expected)
    {
        foreach (string command in new[] { "train", "cv" })
        {
            var result = CliRunner.Run(command, "no-such-data.csv", option, value);
            ErrorPathTests.AssertOneLineError(result, 2, expected);
            Assert.DoesNotContain("no-such-data", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MissingData_IsAUsageErrorNamingIt() =>
        ErrorPathTests.AssertOneLineError(CliRunner.Run("train"), 2, "perceptron train: DATA is missing");

    /// <summary>MODEL and DATA swapped: a sentence that says so, not the JSON parser's byte positions.</summary>
    [Fact]
    public void Predict_ArgumentsSwapped_SaysSo()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json"), data = folder.File("x.csv");
        File.Copy(CliRunner.DataFile("wine.csv"), data);
        Assert.Equal(0, CliRunner.Run("train", data, "--epochs", "1", "--out", model, "--quiet").ExitCode);

        foreach (string command in new[] { "predict", "evaluate" })
        {
            var result = CliRunner.Run(command, data, model);
            ErrorPathTests.AssertOneLineError(result, 2, $"MODEL must be a model file; '{data}' looks like a CSV file — did you swap the arguments?");
            Assert.DoesNotContain("Byte", result.Error, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void NotJson_SaysWhereWithoutParserText()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json");
        File.WriteAllText(model, "{\n  \"format\": perceptron\n}");

        var result = CliRunner.Run("info", model);

        ErrorPathTests.AssertOneLineError(result, 1, "is not valid JSON at line 2");
        Assert.DoesNotContain("BytePositionInLine", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ArgumentExceptionText_LosesTheParameterSuffix()
    {
        var error = new ArgumentOutOfRangeException("rows", -1, "Rows must be ≥ 0.");
        Assert.Equal("Rows must be ≥ 0.", ErrorText.OneLine(error));
        Assert.Equal("Cannot read it; check it.", ErrorText.OneLine(new ArgumentException("Cannot read it;\ncheck it.", "name")));
    }

    /// <summary>Redirected output is not wrapped at 80 columns: a long line stays one line.</summary>
    [Fact]
    public void RedirectedOutput_IsNotWrapped()
    {
        using var writer = new StringWriter();
        IAnsiConsole console = CliConsole.Unwrapped(writer);
        using var error = new StringWriter();

        int exit = CliApp.Run(["datasets"], console, error);

        Assert.Equal(0, exit);
        string mnist = writer.ToString().Split('\n').Single(line => line.Contains("mnist", StringComparison.Ordinal) && line.Contains("Juan Cazala", StringComparison.Ordinal));
        Assert.True(mnist.Length > 200, $"the line was cut: {mnist}");
        Assert.DoesNotContain('\u001b', writer.ToString()); // no colour codes in a file
    }

    [Theory]
    [InlineData(0.96666, "0.9667")]
    [InlineData(0, "0")]
    [InlineData(1234.56789, "1234.5679")]
    [InlineData(-7.0712e21, "-7.07e+21")]
    [InlineData(3.1e-7, "3.10e-07")]
    [InlineData(double.NaN, "n/a")]
    public void Numbers_FitACell(double value, string expected) => Assert.Equal(expected, NumberText.Metric(value));

    /// <summary>A diverged model's huge errors print as short cells, not 80-digit numbers over several lines.</summary>
    [Fact]
    public void MetricsTable_HugeValues_StayOneShortCellEach()
    {
        var console = new TestConsole().Width(120);
        var diverged = new TabularEvaluation { Task = TaskKind.Regression, Rows = 10, Loss = 5e42, R2 = -7.07e21, Mae = 3.3e20, Mse = 1.2e41 };

        console.Write(MetricsView.Table([("test", diverged)]));

        string row = console.Output.Split('\n').Single(line => line.Contains("test", StringComparison.Ordinal));
        Assert.Contains("-7.07e+21", row, StringComparison.Ordinal);
        Assert.Contains("3.46e+20", row, StringComparison.Ordinal); // rmse = √1.2e41
        Assert.True(row.Length < 80, row);
    }

    [Fact]
    public void Suggestions_FindTyposAndPrefixes_ButNotUnrelatedWords()
    {
        Assert.Equal("train", Suggestions.Closest("trian", ["train", "tune", "cv"]));
        Assert.Equal("--epochs", Suggestions.Closest("--epoch", ["--epochs", "--seed"]));
        Assert.Equal("--learning-rate", Suggestions.Closest("--learning", ["--learning-rate", "--layers"]));
        Assert.Null(Suggestions.Closest("banana", ["train", "tune", "cv"]));
    }

    /// <summary>info says what each figure is, and the file holds them typed: numbers as numbers, the options, the data's
    /// hash, the test split and the test metrics; no empty stop_reason when training completed.</summary>
    [Fact]
    public void Info_ExplainsEveryFigure_AndTheFileRecordsTheRun()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json");
        Assert.Equal(0, CliRunner.Run("train", "iris", "--epochs", "3", "--layers", "8", "--seed", "5", "--out", model, "--quiet").ExitCode);

        using var json = JsonDocument.Parse(File.ReadAllText(model));
        JsonElement training = json.RootElement.GetProperty("training");
        Assert.Equal(JsonValueKind.Number, training.GetProperty("epochs").ValueKind);
        Assert.Equal(3, training.GetProperty("epochs").GetInt32());
        Assert.False(training.TryGetProperty("stop_reason", out _));
        Assert.Equal(30, training.GetProperty("test_rows").GetInt32());
        Assert.Equal(BuiltInDatasets.Load("iris").ContentHash(), training.GetProperty("data_sha256").GetString());
        Assert.Equal(8, training.GetProperty("options").GetProperty("layers")[0].GetInt32());
        Assert.Equal(5, training.GetProperty("options").GetProperty("seed").GetInt32());
        Assert.Equal(0.2, training.GetProperty("options").GetProperty("test_split").GetDouble());
        Assert.InRange(training.GetProperty("metrics").GetProperty("test").GetProperty("accuracy").GetDouble(), 0, 1);

        var info = CliRunner.Run("info", model);
        Assert.Equal(0, info.ExitCode);
        foreach (string expected in (string[])["final_loss", "the loss plus the L2 penalty", "data_sha256", "test_rows", "rows held out before training", "--layers", "Metrics of the final model", "test"])
        {
            Assert.Contains(expected, info.Output, StringComparison.Ordinal);
        }
    }

    /// <summary>Each loss on screen says what it is: the progress line's includes the penalty, the table's does not.</summary>
    [Fact]
    public void Train_LabelsTheLoss()
    {
        string classification = CliRunner.Run("train", "iris", "--epochs", "2").Output;
        Assert.Contains("loss: the training loss, mean cross-entropy, without the L2 penalty", classification, StringComparison.Ordinal);

        string regression = CliRunner.Run("train", "diabetes", "--epochs", "2").Output;
        Assert.Contains("the MSE of the standardised target", regression, StringComparison.Ordinal);
        Assert.Contains("in the target's own units", regression, StringComparison.Ordinal);
    }
}
