using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Onnx.Layers;
using Perceptron.Training;

namespace Perceptron.Onnx;

public static partial class OnnxExporter
{
    // GELU's tanh approximation, with the constants of Activations/Gelu.cs: a = ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
    private const float GeluSqrtTwoOverPi = 0.7978845608028654f;
    private const float GeluCubic = 0.044715f;

    /// <summary>Each layer in order, through the exporter of its kind (Layers/*Exporter.cs).</summary>
    private static void AddNetwork(OnnxGraph graph, Sequential<float> network)
    {
        foreach (Layer<float> layer in network.Layers)
        {
            string name = layer.Name ?? layer.Kind.ToLowerInvariant();
            var exporter = LayerExporters.For(layer.Kind)
                ?? throw new OnnxExportException(name, $"it is a {layer.Kind} layer ({layer.GetType().Name}), and the exporter knows only {string.Join(", ", LayerExporters.Kinds)} layers; replace it, or add a LayerExporter for it.");
            exporter.Export(graph, layer, name);
        }
    }

    /// <summary>The activation as one standard operator, or GELU as its formula.</summary>
    internal static void AddActivation(OnnxGraph graph, Activation activation, string name)
    {
        switch (activation)
        {
            case Linear:
                break;
            case Relu:
                graph.Apply("Relu", $"{name}/relu");
                break;
            case Sigmoid:
                graph.Apply("Sigmoid", $"{name}/sigmoid");
                break;
            case Tanh:
                graph.Apply("Tanh", $"{name}/tanh");
                break;
            case Softmax:
                // Softmax-13 normalises along one axis: the last, each row's classes.
                graph.Apply("Softmax", $"{name}/softmax", OnnxGraph.Int("axis", -1));
                break;
            case LeakyRelu:
                graph.Apply("LeakyRelu", $"{name}/leaky_relu", OnnxGraph.Float("alpha", (float)LeakyRelu.Alpha));
                break;
            case Elu:
                graph.Apply("Elu", $"{name}/elu", OnnxGraph.Float("alpha", (float)Elu.Alpha));
                break;
            case Gelu:
                AddGelu(graph, $"{name}/gelu");
                break;
            default:
                throw new OnnxExportException(name, $"its activation '{activation.Name}' ({activation.GetType().FullName}) has no ONNX mapping; the exporter maps {string.Join(", ", Activation.All.Select(a => a.Name))}.");
        }
    }

    /// <summary>
    /// GELU (tanh form) in opset-17 operators, in the order Gelu.cs evaluates it so the float rounding matches:
    /// t = tanh(c·(x + ((k·x)·x)·x)), a = (½·x)·(1 + t).
    /// </summary>
    private static void AddGelu(OnnxGraph graph, string name)
    {
        string x = graph.Current;
        string k = graph.Scalar($"{name}/k", GeluCubic);
        string c = graph.Scalar($"{name}/c", GeluSqrtTwoOverPi);
        string one = graph.Scalar($"{name}/one", 1f);
        string half = graph.Scalar($"{name}/half", 0.5f);
        string kx = graph.Node("Mul", $"{name}/kx", [x, k]);
        string kx2 = graph.Node("Mul", $"{name}/kx2", [kx, x]);
        string kx3 = graph.Node("Mul", $"{name}/kx3", [kx2, x]);
        string inner = graph.Node("Add", $"{name}/inner", [x, kx3]);
        string scaled = graph.Node("Mul", $"{name}/scaled", [inner, c]);
        string t = graph.Node("Tanh", $"{name}/tanh", [scaled]);
        string onePlusT = graph.Node("Add", $"{name}/one_plus_tanh", [t, one]);
        string halfX = graph.Node("Mul", $"{name}/half_x", [x, half]);
        graph.Current = graph.Node("Mul", name, [halfX, onePlusT]);
    }
}
