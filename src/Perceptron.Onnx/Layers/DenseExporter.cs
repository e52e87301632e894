using Perceptron.Layers;

namespace Perceptron.Onnx.Layers;

/// <summary>z = x·W + b as Gemm (A = x: batch × inputs, B = W: inputs × units, C = b broadcast over rows), then f(z).</summary>
internal sealed class DenseExporter : LayerExporter
{
    public override string Kind => "Dense";

    public override void Export(OnnxGraph graph, Layer<float> layer, string name)
    {
        var dense = (Dense<float>)layer;
        CheckFinite(dense.Weights, name, "weight", dense.Units);
        string weights = graph.Constant($"{name}/weights", dense.Weights, dense.Inputs, dense.Units);
        if (dense.UseBias)
        {
            CheckFinite(dense.Bias, name, "bias", 0);
            string bias = graph.Constant($"{name}/bias", dense.Bias, dense.Units);
            graph.Current = graph.Node("Gemm", $"{name}/gemm", [graph.Current, weights, bias]);
        }
        else
        {
            // Gemm's C is optional since opset 11: no bias input, no zero vector.
            graph.Current = graph.Node("Gemm", $"{name}/gemm", [graph.Current, weights]);
        }

        OnnxExporter.AddActivation(graph, dense.Activation, name);
    }
}
