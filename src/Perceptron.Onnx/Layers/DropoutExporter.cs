using Perceptron.Layers;

namespace Perceptron.Onnx.Layers;

/// <summary>Dropout is the identity at inference: no node.</summary>
internal sealed class DropoutExporter : LayerExporter
{
    public override string Kind => "Dropout";

    public override void Export(OnnxGraph graph, Layer<float> layer, string name)
    {
    }
}
