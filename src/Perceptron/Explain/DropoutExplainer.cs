using System.Numerics;
using Perceptron.Layers;
using static System.FormattableString;

namespace Perceptron.Explain;

/// <summary>A dropout layer: its mask (0 or 1/(1 − rate)), the output a ⊙ mask, and the gradient through the same mask.</summary>
internal sealed class DropoutExplainer<T> : LayerExplainer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static readonly DropoutExplainer<T> Instance = new();

    public override void Forward(EngineStep<T> step, int index, T[] input, T[] output)
    {
        var dropout = (Dropout<T>)step.Model.Layers[index];
        int rows = step.Rows, width = dropout.Inputs;
        dropout.Forward(input, output, rows, training: true);
        double[] mask = dropout.Rate == 0 ? [.. Enumerable.Repeat(1.0, rows * width)] : EngineStep<T>.ToDoubles(dropout.Mask(rows));
        step.Values.Add($"forward.{index}.mask", "forward", index, $"m[{index}]", Invariant($"the dropout mask: each input dropped with probability {dropout.Rate}, the rest scaled by 1/(1 − {dropout.Rate})"),
            Invariant($"m = 0 or 1/(1 − p), p = {dropout.Rate}"), [rows, width], mask, [SourceLines.DropoutMask], "Inverted dropout: the kept values are scaled up in training, so inference needs no change.");
        step.Values.Add($"forward.{index}.a", "forward", index, $"a[{index + 1}]", $"the output of layer {index}", $"a[{index + 1}] = a[{index}] ⊙ m[{index}]",
            [rows, width], EngineStep<T>.ToDoubles(output), [SourceLines.DropoutForward]);
    }

    public override void Backward(EngineStep<T> step, int index, T[] input, T[] output, T[] outputGradient, T[] inputGradient, bool fused)
    {
        var dropout = (Dropout<T>)step.Model.Layers[index];
        AddOutputGradient(step, index, outputGradient, dropout.Outputs);
        dropout.Backward(input, output, (T[])outputGradient.Clone(), inputGradient, step.Rows);
        AddInputGradient(step, index, inputGradient, dropout.Inputs, $"∂L/∂a[{index}] = ∂L/∂a[{index + 1}] ⊙ m[{index}]", [SourceLines.DropoutBackward]);
    }
}
