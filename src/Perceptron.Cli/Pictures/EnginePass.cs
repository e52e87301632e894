using Perceptron.Explain;
using Perceptron.Layers;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Cli.Pictures;

/// <summary>
/// One forward and backward pass of the engine over some rows, read back layer by layer: every value comes from the
/// engine's own layers and loss (through <see cref="EngineExplainer"/>), none is re-derived here.
/// </summary>
/// <remarks>
/// The pass runs on a copy of the network's Dense layers (dropout, the identity after training, is left out, so the
/// values are those the pictures' forward pass shows) and leaves the model untouched. L is the batch's objective: the
/// mean of the rows' losses plus any weight penalty.
/// </remarks>
internal sealed class EnginePass
{
    private EnginePass(int rows, double[] input, double[] inputGradient, IReadOnlyList<LayerPass> layers, double dataLoss, double penalty)
    {
        Rows = rows;
        Input = input;
        InputGradient = inputGradient;
        Layers = layers;
        DataLoss = dataLoss;
        Penalty = penalty;
    }

    /// <summary>The rows in the batch.</summary>
    public int Rows { get; }

    /// <summary>The network's input, a[0] = x after scaling: rows × inputs.</summary>
    public double[] Input { get; }

    /// <summary>∂L/∂x: rows × inputs.</summary>
    public double[] InputGradient { get; }

    /// <summary>Each Dense layer's values, input side first.</summary>
    public IReadOnlyList<LayerPass> Layers { get; }

    /// <summary>The data loss: the mean of the rows' losses.</summary>
    public double DataLoss { get; }

    /// <summary>The weight penalty (L2, L1) added to it; 0 without one.</summary>
    public double Penalty { get; }

    /// <summary>L = data loss + penalty, whose gradients the pass holds.</summary>
    public double Loss => DataLoss + Penalty;

    /// <summary>Runs the pass.</summary>
    /// <param name="network">The network (its loss is the model's).</param>
    /// <param name="x">The rows as the network takes them (scaled): rows × inputs.</param>
    /// <param name="y">Their targets as the loss takes them: rows × the loss's target columns.</param>
    /// <param name="parameters">Parameters to use instead of the network's own (a snapshot from training, in the model's order), or empty.</param>
    /// <exception cref="UserException">The model records no loss.</exception>
    public static EnginePass Run(NetworkView network, Matrix<float> x, Matrix<float> y, ReadOnlySpan<float> parameters = default)
    {
        var model = network.Model;
        var loss = model.Loss ?? model.Network.Loss ?? throw new UserException("The model records no loss, so there are no gradients to show.");
        var copy = new Sequential<float> { Seed = model.Network.Seed };
        foreach (Dense<float> dense in network.Layers)
        {
            copy.Add(new Dense<float>(dense.Units, dense.Activation, dense.KernelInitializer, dense.UseBias, dense.L2, l1: dense.L1) { Name = dense.Name });
        }

        copy.Compile(new Sgd(0.01), loss);
        copy.Build(network.Layers[0].Inputs);

        // Dropout layers hold no parameters, so the Dense layers' parameters are the model's, in the same order.
        ReadOnlySpan<float> source = parameters.IsEmpty ? model.Network.Parameters : parameters;
        if (source.Length != copy.ParameterCount)
        {
            throw new ArgumentException($"Expected {copy.ParameterCount} parameters, got {source.Length}.", nameof(parameters));
        }

        source.CopyTo(copy.Parameters);
        StepExplanation step = EngineExplainer.Explain(copy, x, y);
        var layers = new List<LayerPass>();
        for (int i = 0; i < network.Layers.Count; i++)
        {
            bool last = i == network.Layers.Count - 1;
            layers.Add(new LayerPass(
                Values(step, $"forward.{i}.h"), Values(step, $"forward.{i}.a"), Values(step, $"backward.{i}.delta"),
                last ? Optional(step, $"backward.{i}.grad_a") : Values(step, $"backward.{i + 1}.grad_a_down"),
                Values(step, $"backward.{i}.grad_W"), network.Layers[i].UseBias ? Values(step, $"backward.{i}.grad_b") : null));
        }

        double penalty = step.Values.FirstOrDefault(v => v.Id == "loss.penalty")?.Values[0] ?? 0;
        return new EnginePass(x.Rows, Values(step, "input.x"), Values(step, "backward.0.grad_a_down"), layers, step["loss.data"].Values[0], penalty);
    }

    private static double[] Values(StepExplanation step, string id) => [.. step[id].Values];

    private static double[]? Optional(StepExplanation step, string id) => step.Values.FirstOrDefault(v => v.Id == id) is { } value ? [.. value.Values] : null;
}
