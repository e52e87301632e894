using Perceptron.Layers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Playground.Engine;

/// <summary>
/// Adapter: h, a, δ, the gradient and the last update of one unit for one sample, from the public engine API
/// (<see cref="Dense{T}"/>'s weights, <see cref="Activations.Activation.Backward{T}"/>, <see cref="Losses.Loss.Compute{T}"/>).
/// Shaped so a richer explanation of a training step can replace it without touching the page.
/// </summary>
internal static class UnitInspector
{
    /// <summary>The numbers of unit <paramref name="unit"/> of dense layer <paramref name="layer"/> (from 1) for one sample.</summary>
    /// <param name="model">A built, compiled model.</param>
    /// <param name="x">The sample's row as the network sees it (scaled).</param>
    /// <param name="target">The sample's target as the network trains on it (class index or scaled value).</param>
    /// <param name="layer">Dense layer, from 1.</param>
    /// <param name="unit">Unit, from 0.</param>
    /// <param name="inputNames">The input features' names.</param>
    /// <param name="lastUpdate">Parameters after the last step minus before it, laid out as <see cref="Sequential{T}.Parameters"/>, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">No such layer or unit.</exception>
    public static UnitNumbers Inspect(Sequential<float> model, float[] x, float[] target, int layer, int unit, IReadOnlyList<string> inputNames, float[]? lastUpdate)
    {
        IReadOnlyList<Dense<float>> layers = EngineRun.DenseLayers(model);
        if (layer < 1 || layer > layers.Count || unit < 0 || unit >= layers[layer - 1].Units)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), $"There is no unit {unit} in layer {layer}; the network has {layers.Count} dense layers.");
        }

        // forward: h and a of every layer for this one row
        var (h, a) = NetworkTrace.Forward(model, new Matrix<float>(1, x.Length, x));

        // loss and δ of the output layer: from the logits when the loss absorbs the output activation (softmax + cross-entropy)
        var loss = model.Loss!;
        Dense<float> last = layers[^1];
        int outputs = last.Units;
        var delta = new float[layers.Count][];
        delta[^1] = new float[outputs];
        double sampleLoss;
        if (loss.FusedActivation is { } fused && (last.Activation == fused || last.Activation == Activations.Activation.Linear))
        {
            sampleLoss = loss.Compute<float>(h[^1], target, delta[^1], 1, outputs);
        }
        else
        {
            var dA = new float[outputs];
            sampleLoss = loss.Compute<float>(a[^1], target, dA, 1, outputs);
            last.Activation.Backward<float>(h[^1], a[^1], dA, delta[^1], outputs);
        }

        // backward: δ_l = (W_{l+1}·δ_{l+1}) ⊙ f′(h_l)
        for (int l = layers.Count - 2; l >= 0; l--)
        {
            Dense<float> next = layers[l + 1];
            var dA = new float[layers[l].Units];
            ReadOnlySpan<float> w = next.Weights;
            for (int i = 0; i < dA.Length; i++)
            {
                double sum = 0;
                for (int j = 0; j < next.Units; j++)
                {
                    sum += (double)w[i * next.Units + j] * delta[l + 1][j];
                }

                dA[i] = (float)sum;
            }

            delta[l] = new float[dA.Length];
            layers[l].Activation.Backward<float>(h[l], a[l], dA, delta[l], dA.Length);
        }

        Dense<float> chosen = layers[layer - 1];
        float[] incoming = layer == 1 ? x : a[layer - 2];
        int offset = ParameterOffset(model, chosen), units = chosen.Units;
        double d = delta[layer - 1][unit];
        ReadOnlySpan<float> weights = chosen.Weights;
        var weightNumbers = new ParameterNumbers[chosen.Inputs];
        for (int i = 0; i < chosen.Inputs; i++)
        {
            int index = i * units + unit;
            double gradient = incoming[i] * d + 2 * chosen.L2 * weights[index] + chosen.L1 * (weights[index] > 0 ? 1 : weights[index] < 0 ? -1 : 0);
            string from = layer == 1 ? (i < inputNames.Count ? inputNames[i] : $"input {i}") : $"layer {layer - 1} unit {i + 1}";
            weightNumbers[i] = new ParameterNumbers(from, incoming[i], weights[index], gradient, lastUpdate?[offset + index] ?? 0);
        }

        var bias = chosen.UseBias
            ? new ParameterNumbers("bias", 1, chosen.Bias[unit], d, lastUpdate?[offset + chosen.Inputs * units + unit] ?? 0)
            : new ParameterNumbers("bias", 1, 0, 0, 0);
        bool isOutput = layer == layers.Count;
        return new UnitNumbers(layer, unit, isOutput, chosen.Activation.Name, h[layer - 1][unit], a[layer - 1][unit], d, sampleLoss,
            bias, weightNumbers, Formulas(model, chosen, isOutput), SourceLinks.ForUnit(model, chosen, isOutput));
    }

    /// <summary>Where a layer's parameters start in the model's one parameter buffer.</summary>
    private static int ParameterOffset(Sequential<float> model, Layer<float> layer)
    {
        int offset = 0;
        foreach (var each in model.Layers)
        {
            if (each == layer)
            {
                return offset;
            }

            offset += each.ParameterCount;
        }

        throw new ArgumentException("The layer is not in the model.", nameof(layer));
    }

    private static Dictionary<string, string> Formulas(Sequential<float> model, Dense<float> layer, bool isOutput)
    {
        string f = layer.Activation.Name;
        bool fused = isOutput && model.Loss!.FusedActivation is { } activation && (layer.Activation == activation || layer.Activation.Name == "linear");
        string l2 = (layer.L2 > 0 ? " + 2λ·w" : "") + (layer.L1 > 0 ? " + λ₁·sign(w)" : "");
        return new Dictionary<string, string>
        {
            ["h"] = "h = Σᵢ aᵢ·wᵢ + b",
            ["a"] = $"a = {f}(h)",
            ["delta"] = fused ? $"δ = ∂L/∂h = p − y ({model.Loss!.Name} on the logits)"
                : isOutput ? $"δ = ∂L/∂a · {f}′(h) ({model.Loss!.Name})"
                : $"δ = (Σₖ wₖ·δₖ of the next layer) · {f}′(h)",
            ["gradient"] = $"∂L/∂wᵢ = aᵢ·δ{l2},  ∂L/∂b = δ",
            ["update"] = $"Δw = w after − w before the last {model.Optimizer!.Name} step (its gradient is the mini-batch mean)",
        };
    }
}
