using Microsoft.ML.OnnxRuntime;
using Perceptron.Cli;
using Perceptron.Onnx.Tests.Support;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Tensors;
using Spectre.Console.Testing;

namespace Perceptron.Onnx.Tests.Cli;

/// <summary><c>perceptron export</c> end to end, in-process: train → export → ONNX Runtime agrees with the model file.</summary>
public class ExportCommandTests
{
    [Theory]
    [InlineData("iris", "standard")]
    [InlineData("diabetes.csv", "minmax")]
    public void Export_TrainedModel_WritesOnnxThatMatchesPredict(string data, string scaling)
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json"), onnx = folder.File("model.onnx");
        string source = data.EndsWith(".csv", StringComparison.Ordinal) ? RealData.DataFile(data) : data;
        Assert.Equal(0, Run("train", source, "--epochs", "2", "--layers", "8", "--scaling", scaling, "--out", model, "--quiet").ExitCode);

        var result = Run("export", model, "--onnx", onnx);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("model.onnx", result.Output, StringComparison.Ordinal);
        Assert.Contains($"opset {OnnxExporter.OpsetVersion}", result.Output, StringComparison.Ordinal);
        TabularModel file = TabularModel.Load(model);
        Matrix<float> raw = file.AlignFeatures(RealData.Split(data.Replace(".csv", "", StringComparison.Ordinal)).Test);
        Matrix<float> expected = file.Predict(raw);
        using var session = new InferenceSession(onnx);
        double difference = OnnxRun.MaxDifference(OnnxRun.Predict(session, raw), expected);
        double unit = file.TargetScaler?.StandardDeviations[0] ?? 1;
        Assert.True(difference / unit <= Tolerances.OnnxAbsolute, $"max |ONNX − ours| = {difference:G3}");
    }

    [Fact]
    public void Export_MissingModel_IsAOneLineFailure()
    {
        using var folder = new TempFolder();

        var result = Run("export", folder.File("nope.json"), "--onnx", folder.File("out.onnx"));

        AssertOneLineError(result, CliApp.Failure, "nope.json' does not exist");
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Export_WithoutOnnxOption_IsAUsageError()
    {
        var result = Run("export", "model.json");

        Assert.Equal(CliApp.Usage, result.ExitCode);
        Assert.Contains("--onnx", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_OutputFolderMissing_IsAOneLineFailure()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json");
        RealData.Train("iris").Save(model);

        var result = Run("export", model, "--onnx", Path.Combine(folder.Path, "missing", "out.onnx"));

        AssertOneLineError(result, CliApp.Failure, "missing");
    }

    [Fact]
    public void Export_ModelWithInfiniteWeight_FailsNamingTheLayer()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json");
        TabularModel file = RealData.Train("iris");
        ((Perceptron.Layers.Dense<float>)file.Network.Layers[0]).Weights[0] = float.PositiveInfinity;
        file.Save(model);

        var result = Run("export", model, "--onnx", folder.File("out.onnx"));

        // Loading refuses it before the exporter would (which refuses it too: see OnnxExporterNetworkTests).
        AssertOneLineError(result, CliApp.Failure, "layers[0]");
        Assert.Contains("finite", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("out.onnx")));
    }

    private static CliResult Run(params string[] args)
    {
        var console = new TestConsole().Width(400);
        using var error = new StringWriter();
        int exitCode = CliApp.Run(args, console, error);
        return new CliResult(exitCode, console.Output, error.ToString());
    }

    private static void AssertOneLineError(CliResult result, int exitCode, string fragment)
    {
        Assert.Equal(exitCode, result.ExitCode);
        string line = Assert.Single(result.Error.Trim().Split('\n'));
        Assert.StartsWith("perceptron: ", line, StringComparison.Ordinal);
        Assert.Contains(fragment, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    private sealed record CliResult(int ExitCode, string Output, string Error);
}
