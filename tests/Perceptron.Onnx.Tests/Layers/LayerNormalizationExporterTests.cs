using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Onnx.Tests.Support;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Onnx.Tests.Layers;

/// <summary>LayerNormalization, added as one layer file plus one exporter file: ONNX's own operator, and ONNX Runtime agrees.</summary>
public class LayerNormalizationExporterTests
{
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

        Assert.Equal(["Gemm", "Relu", "LayerNormalization", "Gemm", "Softmax"], OnnxRun.Parse(model.ToOnnxBytes()).Graph.Node.Select(n => n.OpType));
        OnnxRun.AssertMatchesPredict(model, Networks.Inputs(200, 6));
    }
}
