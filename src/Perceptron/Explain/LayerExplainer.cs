using System.Numerics;
using Perceptron.Layers;

namespace Perceptron.Explain;

/// <summary>
/// Runs one layer's part of a training step through the layer's own Forward and Backward and records its values.
/// A new layer kind is explained term by term by adding a subclass and a line to <see cref="For"/>; until then it is
/// shown by <see cref="GenericLayerExplainer{T}"/> as its output and its gradients.
/// </summary>
internal abstract class LayerExplainer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The explainer for a layer's kind.</summary>
    public static LayerExplainer<T> For(Layer<T> layer) => layer switch
    {
        Dense<T> => DenseExplainer<T>.Instance,
        Dropout<T> => DropoutExplainer<T>.Instance,
        _ => GenericLayerExplainer<T>.Instance,
    };

    /// <summary>Computes the layer's training-mode output from <paramref name="input"/> into <paramref name="output"/> (rows × outputs) and records what it did.</summary>
    public abstract void Forward(EngineStep<T> step, int index, T[] input, T[] output);

    /// <summary>
    /// From the gradient with respect to the layer's output (with respect to its pre-activations when <paramref name="fused"/>),
    /// computes its parameter gradients (in the model's gradient buffer) and the gradient with respect to its input, recording them.
    /// </summary>
    public abstract void Backward(EngineStep<T> step, int index, T[] input, T[] output, T[] outputGradient, T[] inputGradient, bool fused);

    /// <summary>The gradient with respect to a layer's output, as it arrives from above.</summary>
    protected static void AddOutputGradient(EngineStep<T> step, int index, T[] outputGradient, int width)
    {
        bool last = index == step.Model.Layers.Count - 1;
        step.Values.Add($"backward.{index}.grad_a", "backward", index, $"∂L/∂a[{index + 1}]",
            last ? "the gradient with respect to the output, from the loss" : $"the gradient with respect to layer {index}'s output, passed down from layer {index + 1}",
            last ? $"∂L/∂a[{index + 1}]" : $"∂L/∂a[{index + 1}] = (gradient passed down by layer {index + 1})",
            [step.Rows, width], EngineStep<T>.ToDoubles(outputGradient), last ? [] : [SourceLines.DenseInputGradient]);
    }

    /// <summary>The gradient passed down to the layer below (for layer 0: with respect to the input, which training never needs).</summary>
    protected static void AddInputGradient(EngineStep<T> step, int index, T[] inputGradient, int width, string formula, SourceLine[] sources) =>
        step.Values.Add($"backward.{index}.grad_a_down", "backward", index, $"∂L/∂a[{index}]",
            index == 0 ? "the gradient with respect to the input (not needed for training: Fit skips it)" : $"the gradient passed down to layer {index - 1}'s output",
            formula, [step.Rows, width], EngineStep<T>.ToDoubles(inputGradient), sources);
}
