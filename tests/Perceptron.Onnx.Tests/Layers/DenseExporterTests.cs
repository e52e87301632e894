using Onnx;
using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Onnx.Tests.Support;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Onnx.Tests.Layers;

/// <summary>Dense layers: a Gemm with the weights as initializers, each activation as standard operators, and ONNX Runtime computes what Sequential.Predict does.</summary>
public class DenseExporterTests
{
    public static TheoryData<string> ActivationNames() => [.. Activation.All.Select(a => a.Name)];

    [Theory]
    [MemberData(nameof(ActivationNames))]
    public void ExportOnnx_ActivationAsHidden_MatchesPredict(string activation)
    {
        Sequential<float> model = Networks.Build(Activation.FromName(activation), Activation.Linear);

        OnnxRun.AssertMatchesPredict(model, Networks.Inputs(200, 6));
    }

    [Theory]
    [MemberData(nameof(ActivationNames))]
    public void ExportOnnx_ActivationAsOutput_MatchesPredict(string activation)
    {
        Sequential<float> model = Networks.Build(Activation.Tanh, Activation.FromName(activation));

        OnnxRun.AssertMatchesPredict(model, Networks.Inputs(200, 6));
    }

    [Theory]
    [InlineData("relu", new[] { "Gemm", "Relu", "Gemm", "Softmax" })]
    [InlineData("linear", new[] { "Gemm", "Gemm", "Softmax" })]
    [InlineData("gelu", new[] { "Gemm", "Mul", "Mul", "Mul", "Add", "Mul", "Tanh", "Add", "Mul", "Mul", "Gemm", "Softmax" })]
    public void ExportOnnx_Activation_MapsToStandardOperators(string hidden, string[] operators)
    {
        ModelProto onnx = OnnxRun.Parse(Networks.Build(Activation.FromName(hidden), Activation.Softmax).ToOnnxBytes());

        Assert.Equal(operators, onnx.Graph.Node.Select(n => n.OpType));
        Assert.All(onnx.Graph.Node, node => Assert.Equal("", node.Domain));
    }

    [Theory]
    [InlineData("leaky_relu", "LeakyRelu", 0.01f)]
    [InlineData("elu", "Elu", 1f)]
    public void ExportOnnx_ParametrisedActivation_SetsAlpha(string activation, string opType, float alpha)
    {
        ModelProto onnx = OnnxRun.Parse(Networks.Build(Activation.FromName(activation), Activation.Linear).ToOnnxBytes());

        NodeProto node = Assert.Single(onnx.Graph.Node, n => n.OpType == opType);
        Assert.Equal(alpha, Assert.Single(node.Attribute, a => a.Name == "alpha").F);
    }

    [Fact]
    public void ExportOnnx_DenseWithoutBias_GemmHasNoBiasInput()
    {
        Sequential<float> model = Networks.Build(Activation.Relu, Activation.Sigmoid, useBias: false);

        ModelProto onnx = OnnxRun.Parse(model.ToOnnxBytes());

        Assert.All(onnx.Graph.Node.Where(n => n.OpType == "Gemm"), gemm => Assert.Equal(2, gemm.Input.Count));
        OnnxRun.AssertMatchesPredict(model, Networks.Inputs(50, 6));
    }

    [Fact]
    public void ExportOnnx_Weights_AreStoredAsInitializersInputsByUnits()
    {
        Sequential<float> model = Networks.Build(Activation.Relu, Activation.Linear, inputs: 6, outputs: 4);
        var first = (Dense<float>)model.Layers[0];

        ModelProto onnx = OnnxRun.Parse(model.ToOnnxBytes());

        TensorProto weights = Assert.Single(onnx.Graph.Initializer, t => t.Name == $"{first.Name}/weights");
        Assert.Equal([6L, 10L], weights.Dims);
        Assert.Equal(first.Weights.ToArray(), weights.FloatData);
        TensorProto bias = Assert.Single(onnx.Graph.Initializer, t => t.Name == $"{first.Name}/bias");
        Assert.Equal(first.Bias.ToArray(), bias.FloatData);
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
