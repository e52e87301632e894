namespace Perceptron.Cli.Pictures;

/// <summary>One Dense layer's values in an <see cref="EnginePass"/>, each row-major over the pass's rows.</summary>
/// <param name="PreActivations">z = a·W + b: rows × units.</param>
/// <param name="Activations">a = f(z): rows × units.</param>
/// <param name="Deltas">δ = ∂L/∂z, the engine's gradient of the batch's mean loss: rows × units.</param>
/// <param name="OutputGradients">∂L/∂a: rows × units; null for the last layer when the loss takes z directly (softmax or sigmoid with cross-entropy).</param>
/// <param name="WeightGradients">∂L/∂W (with any penalty's share): inputs × units.</param>
/// <param name="BiasGradients">∂L/∂b: units; null when the layer has no biases.</param>
internal sealed record LayerPass(
    double[] PreActivations, double[] Activations, double[] Deltas, double[]? OutputGradients, double[] WeightGradients, double[]? BiasGradients);
