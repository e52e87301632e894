using System.Numerics;
using Perceptron.Activations;
using Perceptron.Layers;
using static System.FormattableString;

namespace Perceptron.Explain;

/// <summary>A Dense layer term by term: W, b, h = a·W + b, a = f(h); then f′(h), δ, ∂L/∂W (+ the L2 term), ∂L/∂b, ∂L/∂a below.</summary>
internal sealed class DenseExplainer<T> : LayerExplainer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static readonly DenseExplainer<T> Instance = new();

    public override void Forward(EngineStep<T> step, int index, T[] input, T[] output)
    {
        var dense = (Dense<T>)step.Model.Layers[index];
        int rows = step.Rows, units = dense.Units;
        var (activationLine, _) = ActivationLines(dense.Activation);

        // An inference pass that also returns the pre-activations (it changes no layer state), then the training pass
        // itself, which caches what Backward needs; both run the same code on the same numbers.
        var preActivations = new T[rows * units];
        dense.Forward(input, new T[rows * units], rows, training: false, preActivations);
        dense.Forward(input, output, rows, training: true);

        step.Values.Add($"forward.{index}.W", "forward", index, $"W[{index}]", $"the weights of layer {index} ({dense.Inputs} inputs × {units} units)", $"W[{index}]",
            [dense.Inputs, units], EngineStep<T>.ToDoubles(dense.Weights), [SourceLines.DenseWeights]);
        if (dense.UseBias)
        {
            step.Values.Add($"forward.{index}.b", "forward", index, $"b[{index}]", $"the biases of layer {index}", $"b[{index}]", [units], EngineStep<T>.ToDoubles(dense.Bias), [SourceLines.DenseBias]);
        }

        step.Values.Add($"forward.{index}.h", "forward", index, $"h[{index}]", $"the pre-activations (net inputs) of layer {index}", $"h[{index}] = a[{index}]·W[{index}]{(dense.UseBias ? $" + b[{index}]" : "")}",
            [rows, units], EngineStep<T>.ToDoubles(preActivations), dense.UseBias ? [SourceLines.DenseProduct, SourceLines.DenseAddBias] : [SourceLines.DenseProduct]);
        step.Values.Add($"forward.{index}.a", "forward", index, $"a[{index + 1}]", index == step.Model.Layers.Count - 1 ? "the model's output" : $"the output of layer {index}",
            $"a[{index + 1}] = {dense.Activation.Name}(h[{index}])", [rows, units], EngineStep<T>.ToDoubles(output), EngineStep<T>.Known(SourceLines.DenseActivation, activationLine));
    }

    public override void Backward(EngineStep<T> step, int index, T[] input, T[] output, T[] outputGradient, T[] inputGradient, bool fused)
    {
        var dense = (Dense<T>)step.Model.Layers[index];
        int rows = step.Rows, units = dense.Units;
        var (_, derivativeLine) = ActivationLines(dense.Activation);
        if (!fused)
        {
            AddOutputGradient(step, index, outputGradient, units);
            if (dense.Activation is not Softmax)
            {
                // f′(h) itself: the activation's own backward applied to a gradient of ones.
                var ones = new T[rows * units];
                Array.Fill(ones, T.One);
                var slope = new T[rows * units];
                var preActivations = new T[rows * units];
                dense.Forward(input, new T[rows * units], rows, training: false, preActivations);
                dense.Activation.Backward<T>(preActivations, output, ones, slope, units);
                step.Values.Add($"backward.{index}.f_prime", "backward", index, $"{dense.Activation.Name}′(h[{index}])", "the activation's slope at each pre-activation",
                    $"f′(h[{index}])", [rows, units], EngineStep<T>.ToDoubles(slope), EngineStep<T>.Known(derivativeLine));
            }
        }

        // The layer's own backward: δ overwrites the output gradient in place, the parameter gradients land in the
        // model's gradient buffer, and the input gradient in inputGradient.
        T[] delta = (T[])outputGradient.Clone();
        dense.Backward(input, output, delta, inputGradient, rows);

        step.Values.Add($"backward.{index}.delta", "backward", index, $"δ[{index}]", $"the gradient with respect to h[{index}]",
            fused ? EngineStep<T>.FusedGradientFormula(step.Model.Loss!) : dense.Activation is Softmax ? $"δ[{index}] = J_softmax(h[{index}])ᵀ·∂L/∂a[{index + 1}]" : $"δ[{index}] = ∂L/∂a[{index + 1}] ⊙ f′(h[{index}])",
            [rows, units], EngineStep<T>.ToDoubles(delta), fused ? LossGradientLine(step) : EngineStep<T>.Known(SourceLines.DenseActivationBackward, derivativeLine),
            fused ? "The loss returns this directly: the fused, stable form of the activation's and the loss's derivatives together." : null);
        step.Values.Add($"backward.{index}.grad_W", "backward", index, $"∂L/∂W[{index}]", $"the gradient of the weights of layer {index}",
            $"∂L/∂W[{index}] = a[{index}]ᵀ·δ[{index}]{(dense.L2 > 0 ? $" + 2λ·W[{index}]" : "")}{(dense.L1 > 0 ? $" + λ₁·sign(W[{index}])" : "")}",
            [dense.Inputs, units], EngineStep<T>.ToDoubles(dense.WeightGradients),
            [SourceLines.DenseWeightGradient, .. dense.L2 > 0 ? [SourceLines.DensePenaltyGradient] : Array.Empty<SourceLine>(), .. dense.L1 > 0 ? [SourceLines.DenseL1Gradient] : Array.Empty<SourceLine>()]);
        double[] weights = EngineStep<T>.ToDoubles(dense.Weights);
        if (dense.L2 > 0)
        {
            step.Values.Add($"backward.{index}.penalty_grad_W", "backward", index, $"2λ·W[{index}]", "the L2 penalty's share of that gradient (included above)",
                Invariant($"∂(λΣw²)/∂W[{index}] = 2λ·W[{index}], λ = {dense.L2}"), [dense.Inputs, units], [.. weights.Select(w => 2 * dense.L2 * w)], [SourceLines.DensePenaltyGradient],
                "Derived for display; the layer adds it to the gradient in one fused pass.");
        }

        if (dense.L1 > 0)
        {
            step.Values.Add($"backward.{index}.l1_grad_W", "backward", index, $"λ₁·sign(W[{index}])", "the L1 penalty's share of that gradient (included above)",
                Invariant($"∂(λ₁Σ|w|)/∂W[{index}] = λ₁·sign(W[{index}]) (0 at w = 0), λ₁ = {dense.L1}"), [dense.Inputs, units], [.. weights.Select(w => dense.L1 * Math.Sign(w))], [SourceLines.DenseL1Gradient],
                "Derived for display; the layer adds it to the gradient in its own pass.");
        }

        if (dense.UseBias)
        {
            step.Values.Add($"backward.{index}.grad_b", "backward", index, $"∂L/∂b[{index}]", $"the gradient of the biases of layer {index}", $"∂L/∂b[{index}] = Σ_rows δ[{index}]",
                [units], EngineStep<T>.ToDoubles(dense.BiasGradients), [SourceLines.DenseBiasGradient]);
        }

        AddInputGradient(step, index, inputGradient, dense.Inputs, $"∂L/∂a[{index}] = δ[{index}]·W[{index}]ᵀ", [SourceLines.DenseInputGradient]);
    }

    private static SourceLine[] LossGradientLine(EngineStep<T> step) => EngineStep<T>.Known(EngineStep<T>.LossLines(step.Model.Loss!).Gradient);

    /// <summary>A built-in activation's forward and backward lines; none for a user-written one (even under a built-in's name).</summary>
    private static (SourceLine Forward, SourceLine Backward) ActivationLines(Activation activation) =>
        SourceLines.Activations.TryGetValue(activation.Name, out var lines) && activation.GetType().Assembly == typeof(Activation).Assembly ? lines : default;
}
