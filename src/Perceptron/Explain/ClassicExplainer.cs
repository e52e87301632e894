using Perceptron.Classic;

namespace Perceptron.Explain;

/// <summary>
/// Explains one training step of the classic network on one sample: forward, error, backward and gradient descent,
/// every number taken from the class's own arrays as it computes them.
/// </summary>
/// <remarks>
/// The step runs on a copy, so the network is left unchanged. Conventions are the class's: e = t − y, which is
/// −∂E/∂y for E = ½Σ(t − y)², so δ and the derivatives are negative gradients and the update adds them.
/// </remarks>
public static class ClassicExplainer
{
    /// <summary>Explains the step <see cref="MultilayerPerceptron.Train"/> takes on one sample.</summary>
    /// <param name="network">The network, as it is before the step (not changed).</param>
    /// <param name="input">The sample's inputs.</param>
    /// <param name="target">The sample's targets.</param>
    /// <param name="learningRate">The step size η.</param>
    /// <param name="sample">The sample's index in its data set (recorded, not used).</param>
    /// <param name="epoch">The epoch the step belongs to, from 1 (recorded, not used).</param>
    /// <returns>Every value of the step, in order.</returns>
    /// <exception cref="ArgumentException">The sample or target does not fit the network, or holds NaN or ∞.</exception>
    public static StepExplanation Explain(MultilayerPerceptron network, double[] input, double[] target, double learningRate, int sample = 0, int epoch = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(target);
        MultilayerPerceptron copy = Copy(network);
        var values = new ExplanationBuilder();
        IReadOnlyList<int> sizes = network.Layers;
        int layers = sizes.Count - 1;

        // forward (ForwardPropagate checks the input)
        double[] output = copy.ForwardPropagate(input);
        if (target.Length != output.Length || target.Any(t => !double.IsFinite(t)))
        {
            throw new ArgumentException($"The target must be {output.Length} finite values; got [{string.Join(", ", target)}].", nameof(target));
        }

        values.Add("input.x", "input", null, "a[0]", "the input layer's activations: the sample itself", "a[0] = x", [sizes[0]], input, [SourceLines.ClassicInput]);
        values.Add("input.t", "input", null, "t", "the target", "t", [target.Length], target, []);
        for (int i = 0; i < layers; i++)
        {
            string withBias = copy.UseBiases ? $" + b[{i}]" : "";
            values.Add($"forward.{i}.W", "forward", i, $"W[{i}]", $"the weights from layer {i} ({Units(sizes[i])}) to layer {i + 1} ({Units(sizes[i + 1])})", $"W[{i}]",
                [sizes[i], sizes[i + 1]], Flatten(copy.Weights[i]), [SourceLines.ClassicWeights]);
            if (copy.UseBiases)
            {
                values.Add($"forward.{i}.b", "forward", i, $"b[{i}]", $"the biases of layer {i + 1}", $"b[{i}]", [sizes[i + 1]], copy.Biases[i], [SourceLines.ClassicBiases]);
            }

            values.Add($"forward.{i}.h", "forward", i, $"h[{i}]", $"the net inputs of layer {i + 1}", $"h[{i}] = a[{i}]·W[{i}]{withBias}", [sizes[i + 1]],
                NetInputs(copy, i), [SourceLines.ClassicNetBias, SourceLines.ClassicNet],
                "The class sums this in a local variable; it is recomputed here in the same order, so the numbers are identical.");
            values.Add($"forward.{i}.a", "forward", i, $"a[{i + 1}]", i == layers - 1 ? "the output y" : $"the activations of layer {i + 1}", $"a[{i + 1}] = σ(h[{i}])",
                [sizes[i + 1]], copy.Activations[i + 1], [SourceLines.ClassicActivation, SourceLines.ClassicSigmoid]);
        }

        // the error, as Train computes it
        var error = new double[output.Length];
        double halfSquared = 0;
        for (int o = 0; o < error.Length; o++)
        {
            error[o] = target[o] - output[o];
            halfSquared += 0.5 * error[o] * error[o];
        }

        values.Add("loss.e", "loss", null, $"e[{layers}]", "the output error", "e = t − y", [error.Length], error, [SourceLines.ClassicError],
            "e = −∂E/∂y for E = ½Σ(t − y)²: a negative gradient, so the backward pass yields negative gradients and the update adds them.");
        values.Scalar("loss.E", "loss", null, "E", "the squared error the backward pass differentiates", "E = ½ Σ (t − y)²", halfSquared, [],
            "Derived for display: the class never forms E, only its gradient −e.");
        values.Scalar("loss.mse", "loss", null, "MSE", "the error Train reports for this sample (averaged over the epoch)", "MSE = (1/n) Σ (t − y)²",
            MultilayerPerceptron.Mse(target, output), [SourceLines.ClassicMse]);

        // backward: the class raises one event per layer, last first; each layer's incoming error is the one the
        // layer above passed down (the output error for the last layer)
        double[] incoming = error;
        void OnDerivatives(object? sender, DerivativesEventArgs e)
        {
            int i = e.Layer;
            double[] a = copy.Activations[i + 1];
            values.Add($"backward.{i}.e", "backward", i, $"e[{i + 1}]", i == layers - 1 ? "the error at the output" : $"the error at layer {i + 1}, passed down from above",
                i == layers - 1 ? "e = t − y" : $"e[{i + 1}] = δ[{i + 1}]·W[{i + 1}]ᵀ", [a.Length], incoming, i == layers - 1 ? [SourceLines.ClassicError] : [SourceLines.ClassicErrorDown],
                $"e[{i + 1}] = −∂E/∂a[{i + 1}]");
            incoming = [.. e.PropagatedError];
            values.Add($"backward.{i}.sigmoid_derivative", "backward", i, $"σ′(h[{i}])", "the sigmoid's slope at each unit, from its output", $"σ′(h[{i}]) = a[{i + 1}]·(1 − a[{i + 1}])",
                [a.Length], [.. a.Select(MultilayerPerceptron.SigmoidDerivative)], [SourceLines.ClassicDelta]);
            values.Add($"backward.{i}.delta", "backward", i, $"δ[{i}]", $"the error signal of layer {i + 1}'s units", $"δ[{i}] = e[{i + 1}] ⊙ a[{i + 1}](1 − a[{i + 1}])",
                [e.Delta.Count], [.. e.Delta], [SourceLines.ClassicDelta], $"δ[{i}] = −∂E/∂h[{i}]");
            values.Add($"backward.{i}.derivatives", "backward", i, $"Derivatives[{i}]", $"the weight derivatives of W[{i}]", $"Derivatives[{i}] = a[{i}]ᵀ·δ[{i}]",
                [sizes[i], sizes[i + 1]], Flatten(e.Derivatives), [SourceLines.ClassicDerivatives], $"= −∂E/∂W[{i}]");
            if (copy.UseBiases)
            {
                values.Add($"backward.{i}.bias_derivatives", "backward", i, $"δ[{i}]", $"the bias derivatives of b[{i}]", $"∂h[{i}]/∂b[{i}] = 1, so they are δ[{i}]",
                    [e.Delta.Count], [.. e.Delta], [SourceLines.ClassicDelta], $"= −∂E/∂b[{i}]");
            }

            values.Add($"backward.{i}.e_down", "backward", i, $"e[{i}]", i == 0 ? "the error at the input layer (returned by BackPropagate; nothing learns from it)" : $"the error passed down to layer {i}",
                $"e[{i}] = δ[{i}]·W[{i}]ᵀ", [sizes[i]], [.. e.PropagatedError], [SourceLines.ClassicErrorDown], $"e[{i}] = −∂E/∂a[{i}], by the chain rule");
        }

        copy.DerivativesComputed += OnDerivatives;
        copy.BackPropagate(error, verbose: true);
        copy.DerivativesComputed -= OnDerivatives;

        // gradient descent
        var increments = new double[layers][];
        for (int i = 0; i < layers; i++)
        {
            double[] derivatives = Flatten(copy.Derivatives[i]);
            increments[i] = [.. derivatives.Select(d => d * learningRate)];
        }

        copy.GradientDescent(learningRate);
        for (int i = 0; i < layers; i++)
        {
            values.Add($"update.{i}.delta_W", "update", i, $"η·Derivatives[{i}]", $"the change to W[{i}]", $"ΔW[{i}] = η·Derivatives[{i}]", [sizes[i], sizes[i + 1]],
                increments[i], [SourceLines.ClassicWeightUpdate]);
            values.Add($"update.{i}.W", "update", i, $"W[{i}]", $"the new weights from layer {i} to layer {i + 1}", $"W[{i}] ← W[{i}] + η·Derivatives[{i}]", [sizes[i], sizes[i + 1]],
                Flatten(copy.Weights[i]), [SourceLines.ClassicWeightUpdate], "+ because the derivatives are negative gradients: this descends E.");
            if (copy.UseBiases)
            {
                values.Add($"update.{i}.delta_b", "update", i, $"η·δ[{i}]", $"the change to b[{i}]", $"Δb[{i}] = η·δ[{i}]", [sizes[i + 1]],
                    [.. copy.BiasDerivatives[i].Select(d => d * learningRate)], [SourceLines.ClassicBiasUpdate]);
                values.Add($"update.{i}.b", "update", i, $"b[{i}]", $"the new biases of layer {i + 1}", $"b[{i}] ← b[{i}] + η·δ[{i}]", [sizes[i + 1]], copy.Biases[i], [SourceLines.ClassicBiasUpdate]);
            }
        }

        return new StepExplanation
        {
            Network = "classic",
            Model = network.ToString(),
            Precision = "float64",
            Rows = [sample],
            Epoch = epoch,
            Loss = "half_squared_error",
            Optimizer = "gradient_descent",
            Settings = new Dictionary<string, double> { ["learning_rate"] = learningRate },
            Values = values.Values,
        };
    }

    private static string Units(int count) => count == 1 ? "1 unit" : $"{count} units";

    private static double[] NetInputs(MultilayerPerceptron network, int i)
    {
        double[] a = network.Activations[i];
        double[,] w = network.Weights[i];
        var h = new double[w.GetLength(1)];
        for (int j = 0; j < h.Length; j++)
        {
            // Same expression and order as the class's Forward, so the result is bit for bit what it computed.
            double net = network.UseBiases ? network.Biases[i][j] : 0.0;
            for (int k = 0; k < a.Length; k++)
            {
                net += a[k] * w[k, j];
            }

            h[j] = net;
        }

        return h;
    }

    private static MultilayerPerceptron Copy(MultilayerPerceptron network)
    {
        IReadOnlyList<int> sizes = network.Layers;
        var copy = new MultilayerPerceptron(sizes[0], [.. sizes.Skip(1).Take(sizes.Count - 2)], sizes[^1], network.UseBiases, seed: 0);
        for (int i = 0; i < network.Weights.Length; i++)
        {
            Array.Copy(network.Weights[i], copy.Weights[i], network.Weights[i].Length);
            Array.Copy(network.Biases[i], copy.Biases[i], network.Biases[i].Length);
        }

        return copy;
    }

    private static double[] Flatten(double[,] matrix)
    {
        var flat = new double[matrix.Length];
        int n = 0;
        foreach (double value in matrix)
        {
            flat[n++] = value;
        }

        return flat;
    }
}
