using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Tabular;
using Perceptron.Training;

namespace Perceptron.Cli.Pictures;

/// <summary>A trained network as the pictures see it: its dense layers' weights, biases and activations, and its input scaling.</summary>
/// <remarks>Dropout layers are the identity after training and are left out; other layer kinds are not drawn.</remarks>
internal sealed class NetworkView
{
    private NetworkView(TabularModel model, IReadOnlyList<Dense<float>> layers)
    {
        Model = model;
        Layers = layers;
    }

    /// <summary>The model drawn.</summary>
    public TabularModel Model { get; }

    /// <summary>The dense layers, input side first.</summary>
    public IReadOnlyList<Dense<float>> Layers { get; }

    /// <summary>Units per level: inputs, each hidden layer, outputs.</summary>
    public IReadOnlyList<int> Widths => [Layers[0].Inputs, .. Layers.Select(layer => layer.Units)];

    /// <summary>The input features' names (x1, x2, … when the model has none).</summary>
    public IReadOnlyList<string> InputNames => Model.FeatureNames.Count == Layers[0].Inputs
        ? Model.FeatureNames
        : [.. Enumerable.Range(1, Layers[0].Inputs).Select(i => $"x{i}")];

    /// <summary>The view of a model whose layers are Dense (and Dropout).</summary>
    /// <exception cref="UserException">The model has another kind of layer.</exception>
    public static NetworkView Of(TabularModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var layer in model.Network.Layers)
        {
            if (layer is not Dense<float> and not Dropout<float>)
            {
                throw new UserException($"Pictures draw Dense and Dropout layers; layer '{layer.Name}' is a {layer.Kind} layer.");
            }
        }

        return new NetworkView(model, [.. model.Network.Layers.OfType<Dense<float>>()]);
    }

    /// <summary>The view of a bare network without input scaling.</summary>
    public static NetworkView Of(Sequential<float> network) => Of(new TabularModel(network));

    /// <summary>
    /// One input row through the network, as it computes it: level 0 is the scaled input, level i + 1 the outputs of
    /// layer i (after its activation; softmax outputs are probabilities).
    /// </summary>
    /// <param name="rawInput">The row as the data holds it (before scaling).</param>
    public double[][] Forward(ReadOnlySpan<float> rawInput)
    {
        float[] scaled = rawInput.ToArray();
        if (Model.Scaler is { } scaler)
        {
            var matrix = new Perceptron.Tensors.Matrix<float>(1, scaled.Length, scaled);
            scaled = scaler.Transform(matrix).Data;
        }

        var levels = new double[Layers.Count + 1][];
        levels[0] = [.. scaled.Select(v => (double)v)];
        for (int i = 0; i < Layers.Count; i++)
        {
            levels[i + 1] = Activate(i, PreActivations(i, levels[i]));
        }

        return levels;
    }

    /// <summary>Rows as the data holds them (the model's raw features), scaled as the network takes them.</summary>
    public Perceptron.Tensors.Matrix<float> Scale(Perceptron.Tensors.Matrix<float> raw) => Model.Scaler?.Transform(raw) ?? raw;

    /// <summary>A data set's rows as the network takes them: columns matched to the model's features, then scaled.</summary>
    public Perceptron.Tensors.Matrix<float> Inputs(Perceptron.Data.TabularDataset data) => Scale(Model.AlignFeatures(data));

    /// <summary>Layer i's pre-activations z = a·W + b for an input level a.</summary>
    public double[] PreActivations(int layer, double[] input)
    {
        Dense<float> dense = Layers[layer];
        ReadOnlySpan<float> weights = dense.Weights, bias = dense.Bias;
        var z = new double[dense.Units];
        for (int j = 0; j < dense.Units; j++)
        {
            double sum = bias.IsEmpty ? 0 : bias[j];
            for (int k = 0; k < dense.Inputs; k++)
            {
                sum += input[k] * weights[k * dense.Units + j];
            }

            z[j] = sum;
        }

        return z;
    }

    /// <summary>Weight W[k, j] of layer i (from unit k below to unit j above).</summary>
    public double Weight(int layer, int from, int to) => Layers[layer].Weights[from * Layers[layer].Units + to];

    /// <summary>Bias of unit j of layer i, or null when the layer has none.</summary>
    public double? Bias(int layer, int unit) => Layers[layer].UseBias ? Layers[layer].Bias[unit] : null;

    /// <summary>Layer i's activation applied to its pre-activations.</summary>
    public double[] Activate(int layer, double[] z)
    {
        var a = new double[z.Length];
        Layers[layer].Activation.Forward<double>(z, a, z.Length);
        return a;
    }

    /// <summary>Whether the last layer's outputs are class scores (softmax or sigmoid with several units), not a value.</summary>
    public bool IsClassifier => Model.Task == Perceptron.Data.TaskKind.Classification
        || (Model.Task is null && (Layers[^1].Activation == Activation.Softmax || Layers[^1].Units > 1));
}
