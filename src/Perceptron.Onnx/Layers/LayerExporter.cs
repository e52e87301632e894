using Perceptron.Layers;

namespace Perceptron.Onnx.Layers;

/// <summary>Writes one kind of layer as ONNX nodes; one small file per kind, found by <see cref="LayerExporters"/>.</summary>
internal abstract class LayerExporter
{
    /// <summary>The layer kind handled (<see cref="Layer{T}.Kind"/>, e.g. "Dense").</summary>
    public abstract string Kind { get; }

    /// <summary>Appends the layer's nodes after <see cref="OnnxGraph.Current"/> and leaves its output current.</summary>
    /// <param name="graph">The graph being built.</param>
    /// <param name="layer">The layer, of <see cref="Kind"/>.</param>
    /// <param name="name">The layer's name, the prefix of its nodes and constants.</param>
    public abstract void Export(OnnxGraph graph, Layer<float> layer, string name);

    /// <summary>A NaN or infinite parameter means training diverged; ONNX would carry it silently, so refuse.</summary>
    protected static void CheckFinite(ReadOnlySpan<float> values, string layer, string what, int columns)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                string index = columns > 0 ? $"[{i / columns}, {i % columns}]" : $"[{i}]";
                throw new OnnxExportException(layer, $"{what} {index} is {values[i]}; training diverged. Retrain with a lower learning rate (or feature scaling) before exporting.");
            }
        }
    }
}
