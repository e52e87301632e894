using Onnx;
using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Onnx.Tests.Support;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Onnx.Tests;

/// <summary>Layers and activations: each maps to standard operators and ONNX Runtime computes what Sequential.Predict does.</summary>
public class OnnxExporterNetworkTests
{
    public static TheoryData<string> ActivationNames() => [.. Activation.All.Select(a => a.Name)];

    [Theory]
    [MemberData(nameof(ActivationNames))]
    public void ExportOnnx_ActivationAsHidden_MatchesPredict(string activation)
    {
        Sequential<float> model = Networks.Build(Activation.FromName(activation), Activation.Linear);

        AssertMatches(model, Networks.Inputs(200, 6));
    }

    [Theory]
    [MemberData(nameof(ActivationNames))]
    public void ExportOnnx_ActivationAsOutput_MatchesPredict(string activation)
    {
        Sequential<float> model = Networks.Build(Activation.Tanh, Activation.FromName(activation));

        AssertMatches(model, Networks.Inputs(200, 6));
    }

    [Theory]
    [InlineData("relu", new[] { "Gemm", "Relu", "Gemm", "Softmax" })]
    [InlineData("linear", new[] { "Gemm", "Gemm", "Softmax" })]
    [InlineData("gelu", new[] { "Gemm", "Mul", "Mul", "Mul", "Add", "Mul", "Tanh", "Add", "Mul", "Mul", "Gemm", "Softmax" })]
    public void ExportOnnx_Activation_MapsToStandardOperators(string hidden, string[] operators)
    {
        ModelProto onnx = Parse(Networks.Build(Activation.FromName(hidden), Activation.Softmax).ToOnnxBytes());

        Assert.Equal(operators, onnx.Graph.Node.Select(n => n.OpType));
        Assert.All(onnx.Graph.Node, node => Assert.Equal("", node.Domain));
    }

    [Theory]
    [InlineData("leaky_relu", "LeakyRelu", 0.01f)]
    [InlineData("elu", "Elu", 1f)]
    public void ExportOnnx_ParametrisedActivation_SetsAlpha(string activation, string opType, float alpha)
    {
        ModelProto onnx = Parse(Networks.Build(Activation.FromName(activation), Activation.Linear).ToOnnxBytes());

        NodeProto node = Assert.Single(onnx.Graph.Node, n => n.OpType == opType);
        Assert.Equal(alpha, Assert.Single(node.Attribute, a => a.Name == "alpha").F);
    }

    [Fact]
    public void ExportOnnx_DenseWithoutBias_GemmHasNoBiasInput()
    {
        Sequential<float> model = Networks.Build(Activation.Relu, Activation.Sigmoid, useBias: false);

        ModelProto onnx = Parse(model.ToOnnxBytes());

        Assert.All(onnx.Graph.Node.Where(n => n.OpType == "Gemm"), gemm => Assert.Equal(2, gemm.Input.Count));
        AssertMatches(model, Networks.Inputs(50, 6));
    }

    [Fact]
    public void ExportOnnx_DropoutLayers_AreLeftOut()
    {
        var model = new Sequential<float>(new Dense<float>(8, Activation.Relu, inputs: 5), new Dropout<float>(0.5), new Dense<float>(2, Activation.Softmax), new Dropout<float>(0.2)) { Seed = 5 };
        model.Build(5);

        ModelProto onnx = Parse(model.ToOnnxBytes());

        Assert.Equal(["Gemm", "Relu", "Gemm", "Softmax"], onnx.Graph.Node.Select(n => n.OpType));
        AssertMatches(model, Networks.Inputs(40, 5));
    }

    [Fact]
    public void ExportOnnx_DropoutOnlyNetwork_IsTheIdentity()
    {
        var model = new Sequential<float>(new Dropout<float>(0.3)) { Seed = 1 };
        model.Build(3);

        ModelProto onnx = Parse(model.ToOnnxBytes());

        Assert.Equal("Identity", Assert.Single(onnx.Graph.Node).OpType);
        AssertMatches(model, Networks.Inputs(7, 3));
    }

    [Fact]
    public void ExportOnnx_BareNetwork_HasInputAndOutputWithSymbolicBatch()
    {
        ModelProto onnx = Parse(Networks.Build(Activation.Relu, Activation.Softmax, inputs: 6, outputs: 4).ToOnnxBytes());

        ValueInfoProto input = Assert.Single(onnx.Graph.Input);
        ValueInfoProto output = Assert.Single(onnx.Graph.Output);
        Assert.Equal((OnnxExporter.InputName, OnnxExporter.OutputName), (input.Name, output.Name));
        foreach (var (info, width) in new[] { (input, 6L), (output, 4L) })
        {
            Assert.Equal((int)TensorProto.Types.DataType.Float, info.Type.TensorType.ElemType);
            var dims = info.Type.TensorType.Shape.Dim;
            Assert.Equal(2, dims.Count);
            Assert.Equal(OnnxExporter.BatchDimension, dims[0].DimParam);
            Assert.Equal(width, dims[1].DimValue);
        }

        Assert.Equal(OnnxExporter.IrVersion, onnx.IrVersion);
        Assert.Equal(OnnxExporter.OpsetVersion, Assert.Single(onnx.OpsetImport, o => o.Domain == "").Version);
    }

    [Fact]
    public void ExportOnnx_Weights_AreStoredAsInitializersInputsByUnits()
    {
        Sequential<float> model = Networks.Build(Activation.Relu, Activation.Linear, inputs: 6, outputs: 4);
        var first = (Dense<float>)model.Layers[0];

        ModelProto onnx = Parse(model.ToOnnxBytes());

        TensorProto weights = Assert.Single(onnx.Graph.Initializer, t => t.Name == $"{first.Name}/weights");
        Assert.Equal([6L, 10L], weights.Dims);
        Assert.Equal(first.Weights.ToArray(), weights.FloatData);
        TensorProto bias = Assert.Single(onnx.Graph.Initializer, t => t.Name == $"{first.Name}/bias");
        Assert.Equal(first.Bias.ToArray(), bias.FloatData);
    }

    [Fact]
    public void ExportOnnx_UnbuiltModel_ThrowsSayingToBuild()
    {
        var model = new Sequential<float>(new Dense<float>(3));

        var error = Assert.Throws<OnnxExportException>(() => model.ToOnnxBytes());

        Assert.Contains("not built", error.Message, StringComparison.Ordinal);
        Assert.Contains("Build(inputs)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportOnnx_CustomActivation_ThrowsNamingLayerAndActivation()
    {
        var model = new Sequential<float>(new Dense<float>(4, Activation.Relu, inputs: 2), new Dense<float>(1, new Swish())) { Seed = 1 };
        model.Build(2);

        var error = Assert.Throws<OnnxExportException>(() => model.ToOnnxBytes());

        Assert.Equal("dense_1", error.Part);
        Assert.Contains("'dense_1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'swish'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no ONNX mapping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportOnnx_NaNWeight_ThrowsNamingLayerAndIndex()
    {
        Sequential<float> model = Networks.Build(Activation.Relu, Activation.Linear, inputs: 6);
        var second = (Dense<float>)model.Layers[1];
        second.Weights[2 * second.Units + 1] = float.NaN;

        var error = Assert.Throws<OnnxExportException>(() => model.ToOnnxBytes());

        Assert.Contains($"'{second.Name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("weight [2, 1] is NaN", error.Message, StringComparison.Ordinal);
    }

    private static ModelProto Parse(byte[] onnx) => ModelProto.Parser.ParseFrom(onnx);

    /// <summary>LayerNormalization, added as one layer file plus one exporter file: ONNX's own operator, ONNX Runtime agrees.</summary>
    [Fact]
    public void ExportOnnx_LayerNormalization_MatchesPredict()
    {
        var model = new Sequential(new Dense(8, Activation.Relu, inputs: 6), new LayerNormalization(epsilon: 1e-3), new Dense(4, Activation.Softmax)) { Seed = 9 };
        model.Build(6);
        var norm = (LayerNormalization)model.Layers[1];
        var random = new Random(4);
        for (int i = 0; i < norm.Inputs; i++)
        {
            (norm.Gamma[i], norm.Beta[i]) = ((float)(0.5 + random.NextDouble()), (float)(random.NextDouble() - 0.5));
        }

        Assert.Equal(["Gemm", "Relu", "LayerNormalization", "Gemm", "Softmax"], Parse(model.ToOnnxBytes()).Graph.Node.Select(n => n.OpType));
        AssertMatches(model, Networks.Inputs(200, 6));
    }

    private static void AssertMatches(Sequential<float> model, Matrix<float> x)
    {
        Matrix<float> expected = model.Predict(x);

        double difference = OnnxRun.MaxDifference(model.ToOnnxBytes(), x, expected, out _);

        TestContext.Current.TestOutputHelper?.WriteLine($"max |ONNX − ours| = {difference:G3}");
        Assert.True(difference <= Tolerances.OnnxAbsolute, $"max |ONNX − ours| = {difference:G3} > {Tolerances.OnnxAbsolute:G3}");
    }

    /// <summary>An activation the exporter cannot know: x·sigmoid(x).</summary>
    private sealed class Swish : Activation
    {
        public override string Name => "swish";

        public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int columns)
        {
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = z[i] / (T.One + T.Exp(-z[i]));
            }
        }

        public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ, int columns) =>
            throw new NotSupportedException("Forward only: the test never trains.");
    }
}
