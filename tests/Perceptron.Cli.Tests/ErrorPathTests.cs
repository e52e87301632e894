using Perceptron.Tabular;
namespace Perceptron.Cli.Tests;

/// <summary>Every documented error path: one line on stderr, no stack trace, exit code 1 (failure) or 2 (usage).</summary>
public class ErrorPathTests
{
    [Fact]
    public void Train_MissingFile_IsAFailureNamingIt()
    {
        var result = CliRunner.Run("train", "no-such-file.csv");
        AssertOneLineError(result, 1, "'no-such-file.csv' is neither a file nor a built-in data set");
    }

    [Fact]
    public void Train_BadCell_NamesRowAndColumn()
    {
        using var folder = new TempFolder();
        string csv = folder.File("bad.csv");
        File.WriteAllText(csv, "a,b,label\n1,2,x\n3,oops,y\n5,6,x\n");

        var result = CliRunner.Run("train", csv);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.csv", result.Error, StringComparison.Ordinal);
        Assert.Contains("'b'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_UnknownTarget_IsAFailure()
    {
        var result = CliRunner.Run("train", CliRunner.DataFile("wine.csv"), "--target", "nope");
        AssertOneLineError(result, 1, "nope");
    }

    [Theory]
    [InlineData("--optimizer", "adagrad", "adagrad")]
    [InlineData("--activation", "swish", "swish")]
    [InlineData("--scaling", "log", "log")]
    public void Train_UnknownChoice_IsAUsageErrorListingTheChoices(string option, string value, string named)
    {
        var result = CliRunner.Run("train", "iris", "--epochs", "1", option, value);
        AssertOneLineError(result, 2, named);
        Assert.Contains("must be one of", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--epochs", "0")]
    [InlineData("--batch-size", "-3")]
    [InlineData("--test-split", "1.5")]
    [InlineData("--layers", "10,,x")]
    [InlineData("--task", "clustering")]
    public void Train_BadOptionValue_IsAUsageError(string option, string value)
    {
        var result = CliRunner.Run("train", "iris", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_MissingModel_IsAFailure()
    {
        var result = CliRunner.Run("predict", "missing-model.json", CliRunner.DataFile("wine.csv"));
        AssertOneLineError(result, 1, "missing-model.json");
    }

    [Fact]
    public void Predict_CorruptModel_NamesTheField()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json");
        Assert.Equal(0, CliRunner.Run("train", "iris", "--epochs", "1", "--out", model, "--quiet").ExitCode);
        File.WriteAllText(model, File.ReadAllText(model).Replace("\"units\": 3,", "\"units\": 4,", StringComparison.Ordinal));

        var result = CliRunner.Run("info", model);

        AssertOneLineError(result, 1, "field 'layers[4].kernel.shape'");
    }

    [Fact]
    public void Predict_TruncatedModel_SaysItIsNotValidJson()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json");
        Assert.Equal(0, CliRunner.Run("train", "iris", "--epochs", "1", "--out", model, "--quiet").ExitCode);
        byte[] bytes = File.ReadAllBytes(model);
        File.WriteAllBytes(model, bytes[..(bytes.Length / 2)]);

        AssertOneLineError(CliRunner.Run("evaluate", model, "iris"), 1, "not valid JSON");
    }

    [Fact]
    public void Predict_DataWithoutTheModelsFeatures_NamesTheMissingColumn()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json");
        Assert.Equal(0, CliRunner.Run("train", CliRunner.DataFile("wine.csv"), "--epochs", "1", "--out", model, "--quiet").ExitCode);

        var result = CliRunner.Run("predict", model, CliRunner.DataFile("diabetes.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("alcohol", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WrongTask_IsAFailure()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json");
        Assert.Equal(0, CliRunner.Run("train", "iris", "--epochs", "1", "--out", model, "--quiet").ExitCode);

        var result = CliRunner.Run("evaluate", model, CliRunner.DataFile("diabetes.csv"));
        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingArgument_IsAUsageError()
    {
        var result = CliRunner.Run("train");
        Assert.Equal(2, result.ExitCode);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("evaluate")]
    [InlineData("predict")]
    [InlineData("info")]
    [InlineData("datasets")]
    [InlineData("demo")]
    [InlineData("export")]
    public void EveryCommand_HasHelp(string command)
    {
        var result = CliRunner.Run(command, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage", result.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Train_OutIntoAMissingFolder_FailsBeforeTraining()
    {
        using var folder = new TempFolder();
        var result = CliRunner.Run("train", "iris", "--epochs", "1", "--out", folder.File("no/such/folder/model.json"));
        AssertOneLineError(result, 1, "does not exist; create it first");
        Assert.DoesNotContain("Accuracy", result.Output, StringComparison.OrdinalIgnoreCase); // nothing was trained
    }

    [Fact]
    public void Train_OutOrPlotIsAFolder_IsAFailure()
    {
        using var folder = new TempFolder();
        AssertOneLineError(CliRunner.Run("train", "iris", "--epochs", "1", "--out", folder.Path), 1, "is a folder; give a file name");
        AssertOneLineError(CliRunner.Run("train", "iris", "--epochs", "1", "--plot", folder.Path), 1, "is a folder; give a file name");
    }

    [Fact]
    public void Train_DataIsAFolder_SaysSo()
    {
        using var folder = new TempFolder();
        AssertOneLineError(CliRunner.Run("train", folder.Path), 1, "is a folder; give a CSV file");
    }

    [Fact]
    public void Train_ResumeFromAFolderWithoutCheckpoint_SaysSo()
    {
        using var folder = new TempFolder();
        AssertOneLineError(CliRunner.Run("train", "iris", "--resume", folder.Path), 1, "holds no checkpoint");
    }

    [Fact]
    public void Train_LabelsFileIsAFolder_IsAOneLineFailure()
    {
        using var folder = new TempFolder();
        var result = CliRunner.Run("train", folder.File("images.idx3"), "--labels", folder.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("info")]
    [InlineData("predict")]
    [InlineData("evaluate")]
    public void ModelIsAFolder_SaysSo(string command)
    {
        using var folder = new TempFolder();
        string[] args = command == "info" ? [command, folder.Path] : [command, folder.Path, CliRunner.DataFile("wine.csv")];
        AssertOneLineError(CliRunner.Run(args), 1, "is a folder, not a model file");
    }

    [Fact]
    public void Predict_OutIntoAMissingFolder_IsAFailure()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json");
        Assert.Equal(0, CliRunner.Run("train", CliRunner.DataFile("wine.csv"), "--epochs", "1", "--out", model, "--quiet").ExitCode);

        AssertOneLineError(CliRunner.Run("predict", model, CliRunner.DataFile("wine.csv"), "--out", folder.File("no/preds.csv")), 1, "does not exist");
    }

    [Fact]
    public void Predict_UnreadableFile_IsAFailure()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows() || Environment.UserName == "root", "file modes do not stop this user (root, or Windows) from reading");
        using var folder = new TempFolder();
        string model = folder.File("model.json");
        Assert.Equal(0, CliRunner.Run("train", CliRunner.DataFile("wine.csv"), "--epochs", "1", "--out", model, "--quiet").ExitCode);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(model, UnixFileMode.None);
        }

        AssertOneLineError(CliRunner.Run("predict", model, CliRunner.DataFile("wine.csv")), 1, "model.json");
    }

    [Fact]
    public void Predict_DataIsAFolder_IsAOneLineFailure()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json");
        Assert.Equal(0, CliRunner.Run("train", CliRunner.DataFile("wine.csv"), "--epochs", "1", "--out", model, "--quiet").ExitCode);

        var result = CliRunner.Run("predict", model, folder.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public static TheoryData<string> BadModelFiles =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ModelCorpus"), "bad-*.json").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(BadModelFiles))]
    public void InfoAndPredict_HostileModelFile_GiveOneLineNamingTheFile(string name)
    {
        string model = Path.Combine(AppContext.BaseDirectory, "ModelCorpus", name);
        AssertOneLineError(CliRunner.Run("info", model), 1, name);
        AssertOneLineError(CliRunner.Run("predict", model, CliRunner.DataFile("wine.csv")), 1, name);
    }

    [Fact]
    public void Evaluate_BareNetwork_IsAOneLineFailure()
    {
        using var folder = new TempFolder();
        string model = folder.File("bare.json");
        var network = new Perceptron.Training.Sequential(new Perceptron.Layers.Dense(3, inputs: 4)) { Seed = 1 };
        network.Build(4);
        new Perceptron.Tabular.TabularModel(network).Save(model);

        AssertOneLineError(CliRunner.Run("evaluate", model, "iris"), 1, "is a bare network without a task");
    }

    internal static void AssertOneLineError(CliResult result, int exitCode, string contains)
    {
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(contains, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected error", result.Error, StringComparison.Ordinal);
    }
}
