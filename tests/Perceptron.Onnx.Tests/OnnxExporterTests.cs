using Microsoft.ML.OnnxRuntime;
using Perceptron.Activations;
using Perceptron.Data;
using Perceptron.Onnx.Tests.Support;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Training;

namespace Perceptron.Onnx.Tests;

/// <summary>The public entry points: path, stream and bytes agree, files are written atomically, output is deterministic.</summary>
public class OnnxExporterTests
{
    [Fact]
    public void ExportOnnx_Path_WritesAFileOnnxRuntimeLoads()
    {
        using var folder = new TempFolder();
        string path = folder.File("iris.onnx");
        TabularModel model = RealData.Train("iris");

        model.ExportOnnx(path);

        using var session = new InferenceSession(path);
        Assert.Equal([OnnxExporter.InputName], session.InputMetadata.Keys);
        Assert.Equal([OnnxExporter.ProbabilitiesName], session.OutputMetadata.Keys);
        Assert.Equal([-1, 4], session.InputMetadata[OnnxExporter.InputName].Dimensions);
        Assert.Equal([OnnxExporter.BatchDimension, ""], session.InputMetadata[OnnxExporter.InputName].SymbolicDimensions);
        Assert.Equal([-1, 3], session.OutputMetadata[OnnxExporter.ProbabilitiesName].Dimensions);
        Assert.Equal(["iris.onnx"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void ExportOnnx_PathStreamAndBytes_GiveTheSameBytes()
    {
        using var folder = new TempFolder();
        TabularModel model = RealData.Train("iris");
        using var stream = new MemoryStream();

        model.ExportOnnx(folder.File("a.onnx"));
        model.ExportOnnx(stream);

        byte[] bytes = model.ToOnnxBytes();
        Assert.Equal(bytes, File.ReadAllBytes(folder.File("a.onnx")));
        Assert.Equal(bytes, stream.ToArray());
    }

    [Fact]
    public void ToOnnxBytes_SameModel_IsDeterministic()
    {
        Sequential<float> network = Networks.Build(Activation.Gelu, Activation.Softmax);

        Assert.Equal(network.ToOnnxBytes(), network.ToOnnxBytes());
    }

    [Fact]
    public void ExportOnnx_ExistingFile_IsReplaced()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.onnx");
        File.WriteAllText(path, "old");
        Sequential<float> network = Networks.Build(Activation.Relu, Activation.Linear);

        network.ExportOnnx(path);

        Assert.Equal(network.ToOnnxBytes(), File.ReadAllBytes(path));
    }

    [Fact]
    public void ExportOnnx_MissingFolder_ThrowsIOExceptionAndWritesNothing()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "no-such-folder", "model.onnx");

        Assert.ThrowsAny<IOException>(() => Networks.Build(Activation.Relu, Activation.Linear).ExportOnnx(path));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void ExportOnnx_FailedExport_LeavesTheOldFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.onnx");
        File.WriteAllText(path, "old");
        var unbuilt = new Sequential<float>(new Perceptron.Layers.Dense<float>(3));

        Assert.Throws<OnnxExportException>(() => unbuilt.ExportOnnx(path));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Theory]
    [InlineData(TaskKind.Classification, OnnxExporter.ProbabilitiesName)]
    [InlineData(TaskKind.Regression, OnnxExporter.ValueName)]
    [InlineData(null, OnnxExporter.OutputName)]
    public void OutputNameFor_Task_NamesTheOutput(TaskKind? task, string expected)
    {
        var file = new TabularModel(Networks.Build(Activation.Relu, Activation.Linear, outputs: 1)) { Task = task };

        Assert.Equal(expected, OnnxExporter.OutputNameFor(file));
        using var session = new InferenceSession(file.ToOnnxBytes());
        Assert.Equal([expected], session.OutputMetadata.Keys);
    }
}
