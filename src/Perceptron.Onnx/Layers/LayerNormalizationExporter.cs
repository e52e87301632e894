using Perceptron.Layers;

namespace Perceptron.Onnx.Layers;

/// <summary>ONNX's own LayerNormalization (opset 17) over the last axis: y = (x − μ)/√(σ² + ε) · scale + bias.</summary>
internal sealed class LayerNormalizationExporter : LayerExporter
{
    public override string Kind => "LayerNormalization";

    public override void Export(OnnxGraph graph, Layer<float> layer, string name)
    {
        var norm = (LayerNormalization<float>)layer;
        CheckFinite(norm.Gamma, name, "gamma", 0);
        CheckFinite(norm.Beta, name, "beta", 0);
        string scale = graph.Constant($"{name}/gamma", norm.Gamma, norm.Inputs);
        string bias = graph.Constant($"{name}/beta", norm.Beta, norm.Inputs);
        graph.Current = graph.Node("LayerNormalization", name, [graph.Current, scale, bias],
            OnnxGraph.Int("axis", -1), OnnxGraph.Float("epsilon", (float)norm.Epsilon));
    }
}
