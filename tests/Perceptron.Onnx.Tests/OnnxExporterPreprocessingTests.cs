using Microsoft.ML.OnnxRuntime;
using Onnx;
using Perceptron.Activations;
using Perceptron.Data;
using Perceptron.Onnx.Tests.Support;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Tensors;

namespace Perceptron.Onnx.Tests;

/// <summary>Scalers become leading nodes, the regression target scaler trailing ones, and names and facts metadata.</summary>
public class OnnxExporterPreprocessingTests
{
    [Fact]
    public void ExportOnnx_StandardScaler_LeadsWithSubDivAndMatchesPredict()
    {
        var file = new TabularModel(Networks.Build(Activation.Relu, Activation.Softmax, inputs: 3, outputs: 2))
        {
            Task = TaskKind.Classification,
            Scaler = new StandardScaler([10f, -2f, 0.5f], [4f, 0.25f, 1f]),
        };

        AssertMatches(file, RawInputs());
        Assert.Equal(["Sub", "Div", "Gemm"], Parse(file).Graph.Node.Take(3).Select(n => n.OpType));
    }

    [Fact]
    public void ExportOnnx_MinMaxScalerWithConstantColumn_UsesRangeOneAndMatchesPredict()
    {
        var file = new TabularModel(Networks.Build(Activation.Elu, Activation.Softmax, inputs: 3, outputs: 2))
        {
            Task = TaskKind.Classification,
            Scaler = new MinMaxScaler([0f, -5f, 7f], [16f, 5f, 7f]),
        };

        AssertMatches(file, RawInputs());
        TensorProto range = Assert.Single(Parse(file).Graph.Initializer, t => t.Name == "scaler/range");
        Assert.Equal([16f, 10f, 1f], range.FloatData);
    }

    [Fact]
    public void ExportOnnx_RegressionTargetScaler_EndsWithMulAddNamedValue()
    {
        var file = new TabularModel(Networks.Build(Activation.Tanh, Activation.Linear, inputs: 3, outputs: 1))
        {
            Task = TaskKind.Regression,
            Scaler = new StandardScaler([1f, 2f, 3f], [2f, 2f, 2f]),
            TargetScaler = new StandardScaler([152.1f], [77.1f]),
        };

        ModelProto onnx = Parse(file);

        Assert.Equal(["Mul", "Add"], onnx.Graph.Node.TakeLast(2).Select(n => n.OpType));
        Assert.Equal(OnnxExporter.ValueName, Assert.Single(onnx.Graph.Output).Name);
        // Values near 150 carry float32 ulps of 1.5e-5: compare in the standardised units the network predicts.
        AssertMatches(file, RawInputs(), unit: 77.1);
    }

    [Fact]
    public void ExportOnnx_NoScaler_StartsWithGemm()
    {
        var file = new TabularModel(Networks.Build(Activation.Sigmoid, Activation.Softmax, inputs: 3, outputs: 2)) { Task = TaskKind.Classification };

        Assert.Equal("Gemm", Parse(file).Graph.Node[0].OpType);
        AssertMatches(file, RawInputs());
    }

    [Fact]
    public void ExportOnnx_Metadata_HoldsNamesTaskAndTrainingFacts()
    {
        var file = new TabularModel(Networks.Build(Activation.Relu, Activation.Softmax, inputs: 3, outputs: 2))
        {
            Task = TaskKind.Classification,
            FeatureNames = ["width, cm", "height", "colour \"hue\""],
            TargetName = "species",
            ClassNames = ["setosa", "versicolor"],
            Scaler = new MinMaxScaler([0f, 0f, 0f], [1f, 2f, 3f]),
            Training = new TrainingFacts { Epochs = 3, Data = "iris" },
        };

        using var session = new InferenceSession(file.ToOnnxBytes());
        IReadOnlyDictionary<string, string> metadata = session.ModelMetadata.CustomMetadataMap;

        Assert.Equal("classification", metadata["task"]);
        Assert.Equal(file.FeatureNames, System.Text.Json.JsonSerializer.Deserialize<string[]>(metadata["feature_names"]));
        Assert.Equal(file.ClassNames, System.Text.Json.JsonSerializer.Deserialize<string[]>(metadata["class_names"]));
        Assert.Equal("species", metadata["target_name"]);
        Assert.Equal("minmax", metadata["preprocessing"]);
        Assert.Equal(("3", "iris"), (metadata["training.epochs"], metadata["training.data"]));
        Assert.Contains("setosa, versicolor", session.ModelMetadata.Description, StringComparison.Ordinal);
        Assert.Equal("Perceptron", session.ModelMetadata.ProducerName);
    }

    [Fact]
    public void ExportOnnx_UnfittedScaler_Throws()
    {
        var file = new TabularModel(Networks.Build(Activation.Relu, Activation.Softmax, inputs: 3, outputs: 2)) { Scaler = new StandardScaler() };

        var error = Assert.Throws<OnnxExportException>(() => file.ToOnnxBytes());

        Assert.Equal("scaler", error.Part);
        Assert.Contains("not fitted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportOnnx_ScalerWidthDiffersFromNetwork_ThrowsNamingBoth()
    {
        var file = new TabularModel(Networks.Build(Activation.Relu, Activation.Softmax, inputs: 3, outputs: 2))
        {
            Scaler = new StandardScaler([0f, 0f], [1f, 1f]),
        };

        var error = Assert.Throws<OnnxExportException>(() => file.ToOnnxBytes());

        Assert.Contains("2 columns", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 inputs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportOnnx_UnknownScaler_ThrowsNamingItsType()
    {
        var file = new TabularModel(Networks.Build(Activation.Relu, Activation.Softmax, inputs: 3, outputs: 2)) { Scaler = new LogScaler() };

        var error = Assert.Throws<OnnxExportException>(() => file.ToOnnxBytes());

        Assert.Contains(nameof(LogScaler), error.Message, StringComparison.Ordinal);
        Assert.Contains("StandardScaler and MinMaxScaler", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportOnnx_MinMaxRangeBeyondFloat_ThrowsNamingColumn()
    {
        var file = new TabularModel(Networks.Build(Activation.Relu, Activation.Softmax, inputs: 3, outputs: 2))
        {
            Scaler = new MinMaxScaler([0f, -3e38f, 0f], [1f, 3e38f, 1f]),
        };

        var error = Assert.Throws<OnnxExportException>(() => file.ToOnnxBytes());

        Assert.Contains("column 1", error.Message, StringComparison.Ordinal);
    }

    private static ModelProto Parse(TabularModel file) => ModelProto.Parser.ParseFrom(file.ToOnnxBytes());

    /// <summary>Raw features on the scalers' scales: around 10 ± 20, −2 ± 2 and 0 ± 10.</summary>
    private static Matrix<float> RawInputs()
    {
        Matrix<float> x = Networks.Inputs(100, 3, scale: 1);
        for (int row = 0; row < x.Rows; row++)
        {
            x[row, 0] = 10 + 20 * x[row, 0];
            x[row, 1] = -2 + 2 * x[row, 1];
            x[row, 2] *= 10;
        }

        return x;
    }

    private static void AssertMatches(TabularModel file, Matrix<float> raw, double unit = 1)
    {
        Matrix<float> expected = file.Predict(raw);

        double difference = OnnxRun.MaxDifference(file.ToOnnxBytes(), raw, expected, out string outputName);

        Assert.Equal(OnnxExporter.OutputNameFor(file), outputName);
        Assert.True(difference / unit <= Tolerances.OnnxAbsolute, $"max |ONNX − ours| = {difference:G3} ({difference / unit:G3} in network units) > {Tolerances.OnnxAbsolute:G3}");
    }

    /// <summary>A scaler the exporter cannot know.</summary>
    private sealed class LogScaler : IFeatureScaler
    {
        public bool IsFitted => true;

        public int Columns => 3;

        public void Fit(Matrix<float> features)
        {
        }

        public Matrix<float> Transform(Matrix<float> features) => features.Clone();

        public void TransformInPlace(Matrix<float> features)
        {
        }

        public void TransformRow(Span<float> row)
        {
        }

        public Matrix<float> FitTransform(Matrix<float> features) => features.Clone();
    }
}
