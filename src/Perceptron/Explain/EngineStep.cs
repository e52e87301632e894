using System.Numerics;
using Perceptron.Layers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Explain;

/// <summary>
/// Runs one training step through a model's own layers, loss and optimizer, layer by layer, recording every value:
/// the same calls <c>Sequential.Fit</c> makes, with copies kept along the way.
/// </summary>
internal sealed class EngineStep<T>(Sequential<T> model, int rows)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public ExplanationBuilder Values { get; } = new();

    public Sequential<T> Model => model;

    public int Rows => rows;

    /// <summary>Whether the last layer's activation is absorbed by the loss (softmax/sigmoid + cross-entropy).</summary>
    public bool LossIsFused => model.Layers[^1] is IFusableOutput<T> { FusedWithLoss: true };

    public void Run(Matrix<T> x, Matrix<T> y, int epoch)
    {
        var layers = model.Layers;
        int count = layers.Count;
        Values.Add("input.x", "input", null, "a[0]", "the input: the rows as the network sees them (after any scaling)", "a[0] = x",
            [rows, x.Columns], ToDoubles(x.Data), [SourceLines.EngineGather]);
        Values.Add("input.y", "input", null, "y", "the targets, as the loss takes them", "y", [rows, y.Columns], ToDoubles(y.Data), []);

        // forward
        var activations = new T[count + 1][];
        activations[0] = x.Data;
        for (int i = 0; i < count; i++)
        {
            layers[i].StartEpoch(model.Seed, epoch - 1, i);
            activations[i + 1] = new T[rows * layers[i].Outputs];
            LayerExplainer<T>.For(layers[i]).Forward(this, i, activations[i], activations[i + 1]);
        }

        // loss, from the pre-activations when the loss absorbs the last activation
        var loss = model.Loss!;
        int outputs = model.Outputs;
        ReadOnlySpan<T> lossInput = LossIsFused ? ((IFusableOutput<T>)layers[^1]).PreActivations(rows) : activations[count];
        var gradient = new T[rows * outputs];
        double dataLoss = loss.Compute<T>(lossInput, y.Data, gradient, rows, outputs);
        double penalty = layers.Sum(layer => layer.Penalty());
        var (valueLine, gradientLine) = LossLines(loss);
        Values.Scalar("loss.data", "loss", null, "L_data", $"the data loss ({loss.Name}), the mean over the rows", $"L_data = {loss.Name}({(LossIsFused ? $"h[{count - 1}]" : $"a[{count}]")}, y)", dataLoss,
            Known(SourceLines.EngineLoss, valueLine), LossIsFused ? "Computed from the logits h, stably, instead of from the probabilities a." : null);
        bool l1 = layers.Any(layer => layer is Dense<T> { L1: > 0 });
        if (l1 || layers.Any(layer => layer is Dense<T> { L2: > 0 }))
        {
            Values.Scalar("loss.penalty", "loss", null, "L_penalty", l1 ? "the weight penalties (L2 and L1)" : "the L2 penalty", l1 ? "L_penalty = Σ (λ·Σw² + λ₁·Σ|w|)" : "L_penalty = Σ λ·Σw²", penalty,
                l1 ? [SourceLines.EnginePenalty, SourceLines.DensePenalty, SourceLines.DenseL1Penalty] : [SourceLines.EnginePenalty, SourceLines.DensePenalty]);
        }

        Values.Scalar("loss.total", "loss", null, "L", "the objective the step descends", "L = L_data + L_penalty", dataLoss + penalty, []);
        Values.Add("loss.grad", "loss", null, LossIsFused ? $"∂L/∂h[{count - 1}]" : $"∂L/∂a[{count}]",
            LossIsFused ? "the gradient with respect to the last layer's pre-activations (the fused form)" : "the gradient with respect to the output",
            LossIsFused ? FusedGradientFormula(loss) : $"∂L/∂a[{count}] = ∂{loss.Name}/∂a[{count}]",
            [rows, outputs], ToDoubles(gradient), Known(gradientLine));

        // backward, last layer first; each layer's input gradient is the next one's output gradient
        T[] outputGradient = gradient;
        for (int i = count - 1; i >= 0; i--)
        {
            var inputGradient = new T[rows * layers[i].Inputs];
            LayerExplainer<T>.For(layers[i]).Backward(this, i, activations[i], activations[i + 1], outputGradient, inputGradient, fused: LossIsFused && i == count - 1);
            outputGradient = inputGradient;
        }

        // update
        OptimizerExplainer.Explain(this);
    }

    /// <summary>The fused gradient's formula for a built-in loss (with its class weights, if any); a user-written loss
    /// that absorbs the last activation is named, not described.</summary>
    public static string FusedGradientFormula(Losses.Loss loss) => loss switch
    {
        _ when loss.GetType().Assembly != typeof(Losses.Loss).Assembly => $"∂L/∂h = ∂{loss.Name}/∂h (the loss's own gradient, from the logits)",
        Losses.SparseCategoricalCrossEntropy { ClassWeights: not null } => "∂L/∂h = w_y·(softmax(h) − onehot(y)) / N, w_y the weight of the row's class",
        Losses.SparseCategoricalCrossEntropy => "∂L/∂h = (softmax(h) − onehot(y)) / N",
        Losses.BinaryCrossEntropy => "∂L/∂h = (σ(h) − y) / (N·K)",
        _ => "∂L/∂h = (softmax(h) − y) / N",
    };

    /// <summary>A built-in loss's value and gradient lines; none for a user-written one (even under a built-in's name).</summary>
    public static (SourceLine Value, SourceLine Gradient) LossLines(Losses.Loss loss) =>
        loss.GetType().Assembly == typeof(Losses.Loss).Assembly && SourceLines.Losses.TryGetValue(loss.Name, out var lines) ? lines : default;

    /// <summary>The sources that are known (a user-written part has none in this table).</summary>
    public static SourceLine[] Known(params SourceLine[] lines) => [.. lines.Where(line => line.File is not null)];

    public static double[] ToDoubles(ReadOnlySpan<T> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = double.CreateTruncating(values[i]);
        }

        return result;
    }
}
