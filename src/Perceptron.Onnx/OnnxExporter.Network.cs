using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Training;

namespace Perceptron.Onnx;

public static partial class OnnxExporter
{
    // GELU's tanh approximation, with the constants of Activations/Gelu.cs: a = ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
    private const float GeluSqrtTwoOverPi = 0.7978845608028654f;
    private const float GeluCubic = 0.044715f;

    /// <summary>Each layer in order: Dense → Gemm + activation; Dropout → nothing (the identity at inference).</summary>
    private static void AddNetwork(OnnxGraph graph, Sequential<float> network)
    {
        foreach (Layer<float> layer in network.Layers)
        {
            string name = layer.Name ?? layer.Kind.ToLowerInvariant();
            switch (layer)
            {
                case Dense<float> dense:
                    AddDense(graph, dense, name);
                    break;
                case Dropout<float>:
                    break;
                default:
                    throw new OnnxExportException(name, $"it is a {layer.Kind} layer ({layer.GetType().Name}), and the exporter knows only Dense and Dropout layers; replace it, or extend OnnxExporter.AddNetwork.");
            }
        }
    }

    /// <summary>z = x·W + b as Gemm (A = x: batch × inputs, B = W: inputs × units, C = b broadcast over rows), then f(z).</summary>
    private static void AddDense(OnnxGraph graph, Dense<float> dense, string name)
    {
        CheckFinite(dense.Weights, name, "weight", dense.Units);
        string weights = graph.Constant($"{name}/weights", dense.Weights, dense.Inputs, dense.Units);
        if (dense.UseBias)
        {
            CheckFinite(dense.Bias, name, "bias", dense.Units);
            string bias = graph.Constant($"{name}/bias", dense.Bias, dense.Units);
            graph.Current = graph.Node("Gemm", $"{name}/gemm", [graph.Current, weights, bias]);
        }
        else
        {
            // Gemm's C is optional since opset 11: no bias input, no zero vector.
            graph.Current = graph.Node("Gemm", $"{name}/gemm", [graph.Current, weights]);
        }

        AddActivation(graph, dense.Activation, name);
    }

    /// <summary>The activation as one standard operator, or GELU as its formula.</summary>
    private static void AddActivation(OnnxGraph graph, Activation activation, string name)
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

    /// <summary>A NaN or infinite parameter means training diverged; ONNX would carry it silently, so refuse.</summary>
    private static void CheckFinite(ReadOnlySpan<float> values, string layer, string what, int units)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                string index = what == "weight" ? $"[{i / units}, {i % units}]" : $"[{i}]";
                throw new OnnxExportException(layer, $"{what} {index} is {values[i]}; training diverged. Retrain with a lower learning rate (or feature scaling) before exporting.");
            }
        }
    }
}
