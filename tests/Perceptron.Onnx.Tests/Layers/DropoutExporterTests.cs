using Onnx;
using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Onnx.Tests.Support;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Onnx.Tests.Layers;

/// <summary>Dropout layers: the identity at inference, so they are left out of the graph.</summary>
public class DropoutExporterTests
{
    [Fact]
    public void ExportOnnx_DropoutLayers_AreLeftOut()
    {
        var model = new Sequential<float>(new Dense<float>(8, Activation.Relu, inputs: 5), new Dropout<float>(0.5), new Dense<float>(2, Activation.Softmax), new Dropout<float>(0.2)) { Seed = 5 };
        model.Build(5);

        ModelProto onnx = OnnxRun.Parse(model.ToOnnxBytes());

        Assert.Equal(["Gemm", "Relu", "Gemm", "Softmax"], onnx.Graph.Node.Select(n => n.OpType));
        OnnxRun.AssertMatchesPredict(model, Networks.Inputs(40, 5));
    }

    [Fact]
    public void ExportOnnx_DropoutOnlyNetwork_IsTheIdentity()
    {
        var model = new Sequential<float>(new Dropout<float>(0.3)) { Seed = 1 };
        model.Build(3);

        ModelProto onnx = OnnxRun.Parse(model.ToOnnxBytes());

        Assert.Equal("Identity", Assert.Single(onnx.Graph.Node).OpType);
        OnnxRun.AssertMatchesPredict(model, Networks.Inputs(7, 3));
    }
}
