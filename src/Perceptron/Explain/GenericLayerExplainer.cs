using System.Numerics;
using Perceptron.Diagnostics;

namespace Perceptron.Explain;

/// <summary>
/// Any layer kind without its own explainer: its parameter tensors (as the layer describes them), its output, their
/// gradients and its input gradient.
/// </summary>
internal sealed class GenericLayerExplainer<T> : LayerExplainer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static readonly GenericLayerExplainer<T> Instance = new();

    public override void Forward(EngineStep<T> step, int index, T[] input, T[] output)
    {
        var layer = step.Model.Layers[index];
        layer.Forward(input, output, step.Rows, training: true);
        foreach (ParameterTensor tensor in Tensors(step, index))
        {
            step.Values.Add($"forward.{index}.{tensor.Name}", "forward", index, $"{tensor.Name}[{index}]", $"the {tensor.Name} of layer {index} ({layer.Kind})", $"{tensor.Name}[{index}]",
                Shape(tensor), EngineStep<T>.ToDoubles(step.Model.Parameters.Slice(tensor.Offset, tensor.Length)), []);
        }

        step.Values.Add($"forward.{index}.a", "forward", index, $"a[{index + 1}]", $"the output of layer {index} ({layer.Kind})", $"a[{index + 1}] = {layer.Kind}(a[{index}])",
            [step.Rows, layer.Outputs], EngineStep<T>.ToDoubles(output), []);
    }

    public override void Backward(EngineStep<T> step, int index, T[] input, T[] output, T[] outputGradient, T[] inputGradient, bool fused)
    {
        var layer = step.Model.Layers[index];
        AddOutputGradient(step, index, outputGradient, layer.Outputs);
        layer.Backward(input, output, (T[])outputGradient.Clone(), inputGradient, step.Rows);
        foreach (ParameterTensor tensor in Tensors(step, index))
        {
            step.Values.Add($"backward.{index}.grad_{tensor.Name}", "backward", index, $"∂L/∂{tensor.Name}[{index}]", $"the gradient of layer {index}'s {tensor.Name}", $"∂L/∂{tensor.Name}[{index}]",
                Shape(tensor), EngineStep<T>.ToDoubles(step.Model.Gradients.Slice(tensor.Offset, tensor.Length)), []);
        }

        AddInputGradient(step, index, inputGradient, layer.Inputs, $"∂L/∂a[{index}] = ∂{layer.Kind}/∂a[{index}]ᵀ·∂L/∂a[{index + 1}]", []);
    }

    private static IEnumerable<ParameterTensor> Tensors(EngineStep<T> step, int index) =>
        ParameterTensor.Of(step.Model).Where(tensor => tensor.LayerIndex == index);

    private static int[] Shape(ParameterTensor tensor) => tensor.Rows > 1 ? [tensor.Rows, tensor.Columns] : [tensor.Length];
}
