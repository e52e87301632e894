using System.Numerics;

namespace Perceptron.Explain;

/// <summary>Any layer kind without its own explainer: its output, its parameter gradients as one tensor, and its input gradient.</summary>
internal sealed class GenericLayerExplainer<T> : LayerExplainer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static readonly GenericLayerExplainer<T> Instance = new();

    public override void Forward(EngineStep<T> step, int index, T[] input, T[] output)
    {
        var layer = step.Model.Layers[index];
        layer.Forward(input, output, step.Rows, training: true);
        if (layer.ParameterCount > 0)
        {
            int offset = step.Model.ParameterOffset(index);
            step.Values.Add($"forward.{index}.theta", "forward", index, $"θ[{index}]", $"the parameters of layer {index} ({layer.Kind})", $"θ[{index}]",
                [layer.ParameterCount], EngineStep<T>.ToDoubles(step.Model.Parameters.Slice(offset, layer.ParameterCount)), []);
        }

        step.Values.Add($"forward.{index}.a", "forward", index, $"a[{index + 1}]", $"the output of layer {index} ({layer.Kind})", $"a[{index + 1}] = {layer.Kind}(a[{index}])",
            [step.Rows, layer.Outputs], EngineStep<T>.ToDoubles(output), []);
    }

    public override void Backward(EngineStep<T> step, int index, T[] input, T[] output, T[] outputGradient, T[] inputGradient, bool fused)
    {
        var layer = step.Model.Layers[index];
        AddOutputGradient(step, index, outputGradient, layer.Outputs);
        layer.Backward(input, output, (T[])outputGradient.Clone(), inputGradient, step.Rows);
        if (layer.ParameterCount > 0)
        {
            int offset = step.Model.ParameterOffset(index);
            step.Values.Add($"backward.{index}.grad_theta", "backward", index, $"∂L/∂θ[{index}]", $"the gradient of layer {index}'s parameters", $"∂L/∂θ[{index}]",
                [layer.ParameterCount], EngineStep<T>.ToDoubles(step.Model.Gradients.Slice(offset, layer.ParameterCount)), []);
        }

        AddInputGradient(step, index, inputGradient, layer.Inputs, $"∂L/∂a[{index}] = ∂{layer.Kind}/∂a[{index}]ᵀ·∂L/∂a[{index + 1}]", []);
    }
}
