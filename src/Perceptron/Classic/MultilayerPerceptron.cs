// The classic multilayer perceptron: a line-for-line C# rendering of the small educational Python
// original (class MLP: forward_propagate, back_propagate, gradient_descent, train, _sigmoid,
// _sigmoid_derivative, _mse). It is deliberately unoptimized: float64, one sample at a time, plain
// loops, so that every equation in docs/classic.md can be found in a line below. The fast float32
// engine lives elsewhere in the library and shares nothing with this file but the ideas.
//
// Where this file departs from the original, a comment marked "Deviation:" says why.
//
// Ported from crlandsc's Multi-Layer-Perceptron-Neural-Network-Demo (mlp_from_scratch.py), itself modified from
// Valerio Velardo's "Deep Learning for Audio with Python" course code: MIT License, Copyright (c) 2019 Valerio
// Velardo. The full notice is in THIRD-PARTY-NOTICES.md at the repository root.

using System.Globalization;

namespace Perceptron.Classic;

/// <summary>
/// A multilayer perceptron with sigmoid units, trained one sample at a time by gradient descent on the
/// squared error: the educational original, in C#.
/// </summary>
/// <remarks>
/// <para>
/// Layer sizes are <c>[numInputs, ..hiddenLayers, numOutputs]</c>. For each pair of adjacent layers
/// <c>i</c>, <c>i + 1</c> the network keeps a weight matrix <c>Weights[i]</c> of shape
/// <c>[layers[i], layers[i+1]]</c> and (unless biases are off) a bias vector <c>Biases[i]</c>.
/// </para>
/// <para>
/// Forward: <c>a[0] = x</c>, <c>a[i+1] = σ(a[i]·W[i] + b[i])</c> with σ(x) = 1 / (1 + e^−x).
/// Backward, from the last layer: <c>δ = error ⊙ a[i+1](1 − a[i+1])</c>,
/// <c>Derivatives[i] = a[i]ᵀ·δ</c>, then <c>error = δ·W[i]ᵀ</c>. Because <c>error = target − output</c>,
/// these "derivatives" are the negative gradient of ½‖target − output‖², so gradient descent adds them:
/// <c>W[i] += η·Derivatives[i]</c>.
/// </para>
/// <para>
/// Weights start uniform in [0, 1), as in the original. Biases start at zero: the random weights already
/// break the symmetry between units, and zero is the usual choice. With <c>useBiases: false</c> the class
/// reproduces the original exactly.
/// </para>
/// <para>Instances are not thread-safe: the activations and derivatives are shared state.</para>
/// </remarks>
/// <example>
/// <code>
/// var mlp = new MultilayerPerceptron(numInputs: 2, hiddenLayers: [5], numOutputs: 1, seed: 42);
/// double[] errors = mlp.Train(inputs, targets, epochs: 100, learningRate: 0.1);
/// double[] sum = mlp.ForwardPropagate([0.1, 0.3]);   // ≈ [0.4]
/// </code>
/// </example>
public sealed class MultilayerPerceptron
{
    private readonly int[] _layers;
    private readonly double[][] _errors;    // _errors[i]: the error at layer i during the backward pass (reused)
    private readonly double[] _outputError; // target − output for the sample being trained (reused)

    /// <summary>Creates a network with weights drawn uniformly from [0, 1) and zero biases.</summary>
    /// <param name="numInputs">Number of inputs (units in the input layer), ≥ 1.</param>
    /// <param name="hiddenLayers">Sizes of the hidden layers, each ≥ 1; <c>null</c> means <c>[3, 3]</c> as in the original. May be empty.</param>
    /// <param name="numOutputs">Number of outputs, ≥ 1.</param>
    /// <param name="useBiases">Whether each layer adds a bias before the sigmoid. The original describes biases but has none: pass <c>false</c> to reproduce it exactly.</param>
    /// <param name="seed">Seed for the weight initialisation; <c>null</c> picks a random one.</param>
    /// <exception cref="ArgumentOutOfRangeException">A layer size is ≤ 0.</exception>
    public MultilayerPerceptron(
        int numInputs = 3,
        IReadOnlyList<int>? hiddenLayers = null,
        int numOutputs = 2,
        bool useBiases = true,
        int? seed = null)
    {
        hiddenLayers ??= [3, 3];
        ArgumentOutOfRangeException.ThrowIfLessThan(numInputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(numOutputs, 1);
        for (int i = 0; i < hiddenLayers.Count; i++)
        {
            if (hiddenLayers[i] < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(hiddenLayers),
                    $"Hidden layer {i} has {hiddenLayers[i]} units; every layer needs at least 1.");
            }
        }

        // layers = [num_inputs] + hidden_layers + [num_outputs]
        _layers = [numInputs, .. hiddenLayers, numOutputs];
        UseBiases = useBiases;

        // Deviation: the original draws from NumPy's global generator; here a seeded Random makes runs repeatable.
        var random = seed is int s ? new Random(s) : new Random();
        int pairs = _layers.Length - 1;
        Weights = new double[pairs][,];
        Biases = new double[pairs][];
        Derivatives = new double[pairs][,];
        BiasDerivatives = new double[pairs][];
        for (int i = 0; i < pairs; i++)
        {
            // w = np.random.rand(layers[i], layers[i + 1]), filled row by row.
            Weights[i] = new double[_layers[i], _layers[i + 1]];
            for (int row = 0; row < _layers[i]; row++)
            {
                for (int col = 0; col < _layers[i + 1]; col++)
                {
                    Weights[i][row, col] = random.NextDouble();
                }
            }

            Biases[i] = new double[_layers[i + 1]];
            Derivatives[i] = new double[_layers[i], _layers[i + 1]];
            BiasDerivatives[i] = new double[_layers[i + 1]];
        }

        Activations = new double[_layers.Length][];
        _errors = new double[_layers.Length][];
        for (int i = 0; i < _layers.Length; i++)
        {
            Activations[i] = new double[_layers[i]];
            _errors[i] = new double[_layers[i]];
        }

        _outputError = new double[numOutputs];
    }

    /// <summary>Layer sizes, input layer first: <c>[numInputs, ..hiddenLayers, numOutputs]</c>.</summary>
    public IReadOnlyList<int> Layers => _layers;

    /// <summary>Whether each layer adds its bias before the sigmoid.</summary>
    public bool UseBiases { get; }

    /// <summary>Weight matrices: <c>Weights[i]</c> is <c>[layers[i], layers[i+1]]</c>; entry [k, j] connects unit k of layer i to unit j of layer i+1. Writable, so training can start from chosen weights.</summary>
    public double[][,] Weights { get; }

    /// <summary>Bias vectors: <c>Biases[i]</c> has <c>layers[i+1]</c> entries, added to the net input of layer i+1. Unused (and left at zero) when <see cref="UseBiases"/> is false.</summary>
    public double[][] Biases { get; }

    /// <summary>The last backward pass's <c>a[i]ᵀ·δ[i]</c>, shaped as <c>Weights[i]</c> (the negative gradient of ½‖error‖²).</summary>
    public double[][,] Derivatives { get; }

    /// <summary>The last backward pass's δ for each layer: the bias derivatives, shaped as <c>Biases[i]</c>.</summary>
    public double[][] BiasDerivatives { get; }

    /// <summary>The last forward pass's activations: <c>Activations[0]</c> is the input, <c>Activations[^1]</c> the output.</summary>
    public double[][] Activations { get; }

    /// <summary>Raised by <see cref="BackPropagate"/> with <c>verbose: true</c>, once per layer, as the original prints "Derivatives for W{i}".</summary>
    public event EventHandler<DerivativesEventArgs>? DerivativesComputed;

    /// <summary>Runs one sample through the network: <c>a[i+1] = σ(a[i]·W[i] + b[i])</c>.</summary>
    /// <param name="inputs">One sample, <c>numInputs</c> finite values.</param>
    /// <returns>A copy of the output layer's activations (<c>numOutputs</c> values in (0, 1)).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> is null.</exception>
    /// <exception cref="ArgumentException">Wrong length, or a NaN or infinite value.</exception>
    public double[] ForwardPropagate(double[] inputs)
    {
        CheckVector(inputs, _layers[0], nameof(inputs));
        Forward(inputs);
        return (double[])Activations[^1].Clone();
    }

    /// <summary>The forward pass itself, on checked inputs; the result is left in <see cref="Activations"/>.</summary>
    private void Forward(double[] inputs)
    {
        // The input layer's activations are the inputs themselves.
        // Deviation: copied, not referenced, so a caller reusing its array cannot change our state.
        Array.Copy(inputs, Activations[0], inputs.Length);

        for (int i = 0; i < Weights.Length; i++)
        {
            double[] a = Activations[i];
            double[,] w = Weights[i];
            double[] next = Activations[i + 1];
            for (int j = 0; j < next.Length; j++)
            {
                // net_inputs = np.dot(activations, w), plus the bias.
                double net = UseBiases ? Biases[i][j] : 0.0;
                for (int k = 0; k < a.Length; k++)
                {
                    net += a[k] * w[k, j];
                }

                next[j] = Sigmoid(net);
            }
        }
    }

    /// <summary>
    /// Propagates the output error back through the network, filling <see cref="Derivatives"/> and
    /// <see cref="BiasDerivatives"/> for the activations of the last <see cref="ForwardPropagate"/>.
    /// </summary>
    /// <param name="error">The output error <c>target − output</c>, <c>numOutputs</c> values.</param>
    /// <param name="verbose">Raise <see cref="DerivativesComputed"/> for each layer, last layer first.</param>
    /// <returns>The error propagated to the input layer, <c>δ[0]·W[0]ᵀ</c> (<c>numInputs</c> values).</returns>
    /// <exception cref="ArgumentException">Wrong length, or a NaN or infinite value.</exception>
    public double[] BackPropagate(double[] error, bool verbose = false)
    {
        CheckVector(error, _layers[^1], nameof(error));
        return (double[])Backward(error, verbose).Clone();
    }

    /// <summary>The backward pass itself, on a checked error; returns the input layer's error (an internal buffer).</summary>
    private double[] Backward(double[] error, bool verbose)
    {
        for (int i = Derivatives.Length - 1; i >= 0; i--)
        {
            double[] a = Activations[i + 1];     // this layer's output
            double[] aPrev = Activations[i];     // its input
            double[,] w = Weights[i];

            // delta = error * σ'(a): the sigmoid derivative written in terms of its output, a(1 − a).
            double[] delta = BiasDerivatives[i];
            for (int j = 0; j < a.Length; j++)
            {
                delta[j] = error[j] * SigmoidDerivative(a[j]);
            }

            // derivatives[i] = a_prevᵀ · delta: an outer product, [layers[i], 1]·[1, layers[i+1]].
            double[,] derivatives = Derivatives[i];
            for (int k = 0; k < aPrev.Length; k++)
            {
                for (int j = 0; j < delta.Length; j++)
                {
                    derivatives[k, j] = aPrev[k] * delta[j];
                }
            }

            // error = delta · Wᵀ: the error each unit of the previous layer is responsible for.
            double[] previousError = _errors[i];
            for (int k = 0; k < aPrev.Length; k++)
            {
                double sum = 0.0;
                for (int j = 0; j < delta.Length; j++)
                {
                    sum += delta[j] * w[k, j];
                }

                previousError[k] = sum;
            }

            error = previousError;

            if (verbose)
            {
                DerivativesComputed?.Invoke(this, new DerivativesEventArgs(i, derivatives, delta, previousError));
            }
        }

        return error;
    }

    /// <summary>Takes one step along the derivatives: <c>W[i] += η·Derivatives[i]</c> and <c>b[i] += η·δ[i]</c>.</summary>
    /// <param name="learningRate">Step size η; the original's default is 1.</param>
    public void GradientDescent(double learningRate = 1)
    {
        for (int i = 0; i < Weights.Length; i++)
        {
            double[,] w = Weights[i];
            double[,] derivatives = Derivatives[i];
            for (int k = 0; k < w.GetLength(0); k++)
            {
                for (int j = 0; j < w.GetLength(1); j++)
                {
                    // "+=" because the derivatives point down the error (error = target − output).
                    w[k, j] += derivatives[k, j] * learningRate;
                }
            }

            if (UseBiases)
            {
                double[] b = Biases[i];
                for (int j = 0; j < b.Length; j++)
                {
                    b[j] += BiasDerivatives[i][j] * learningRate;
                }
            }
        }
    }

    /// <summary>
    /// Trains on the samples in order, one at a time: forward, error = target − output, backward,
    /// gradient descent, for every sample in every epoch.
    /// </summary>
    /// <param name="inputs">The samples, each <c>numInputs</c> finite values.</param>
    /// <param name="targets">One target per sample, each <c>numOutputs</c> finite values.</param>
    /// <param name="epochs">Passes over the data, ≥ 0.</param>
    /// <param name="learningRate">Step size η, finite.</param>
    /// <param name="progress">Receives each epoch's number (from 1) and mean error as it ends.</param>
    /// <param name="cancellationToken">Stops training between samples.</param>
    /// <returns>Each epoch's mean error: the mean over samples of <see cref="Mse"/> of the output before that sample's update.</returns>
    /// <exception cref="ArgumentException">Empty, ragged or non-finite data, or inputs and targets of different counts.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> &lt; 0 or a non-finite learning rate.</exception>
    public double[] Train(
        double[][] inputs,
        double[][] targets,
        int epochs,
        double learningRate,
        IProgress<ClassicEpoch>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        if (!double.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be a finite number.");
        }

        if (inputs.Length == 0)
        {
            throw new ArgumentException("There are no samples to train on.", nameof(inputs));
        }

        if (inputs.Length != targets.Length)
        {
            throw new ArgumentException(
                $"There are {inputs.Length} input samples but {targets.Length} targets; they must pair up one to one.", nameof(targets));
        }

        // Check every sample before the first update, so bad data cannot leave a half-trained network
        // (and so the loop below can use the unchecked Forward and Backward).
        for (int j = 0; j < inputs.Length; j++)
        {
            CheckVector(inputs[j], _layers[0], $"{nameof(inputs)}[{j}]");
            CheckVector(targets[j], _layers[^1], $"{nameof(targets)}[{j}]");
        }

        var history = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            double sumErrors = 0.0;
            for (int j = 0; j < inputs.Length; j++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double[] target = targets[j];
                Forward(inputs[j]);
                double[] output = Activations[^1];

                double[] error = _outputError;
                for (int o = 0; o < error.Length; o++)
                {
                    error[o] = target[o] - output[o];
                }

                Backward(error, verbose: false);
                GradientDescent(learningRate);
                sumErrors += Mse(target, output);
            }

            // Deviation: the original divides by len(items), a global; the mean is over this call's samples.
            history[epoch] = sumErrors / inputs.Length;
            progress?.Report(new ClassicEpoch(epoch + 1, epochs, history[epoch]));
        }

        return history;
    }

    /// <summary>The logistic sigmoid σ(x) = 1 / (1 + e^−x).</summary>
    /// <param name="x">The net input.</param>
    /// <returns>A value in [0, 1].</returns>
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>The sigmoid's derivative written in terms of its output: σ′ = σ(1 − σ).</summary>
    /// <param name="sigmoidOutput">The sigmoid's output σ(x), not x itself (as in the original).</param>
    /// <returns><c>sigmoidOutput · (1 − sigmoidOutput)</c>.</returns>
    public static double SigmoidDerivative(double sigmoidOutput) => sigmoidOutput * (1.0 - sigmoidOutput);

    /// <summary>The mean squared error, (1/n)·Σ (target − output)².</summary>
    /// <param name="target">Expected values.</param>
    /// <param name="output">Predicted values, as many as <paramref name="target"/>.</param>
    /// <returns>The mean of the squared differences.</returns>
    /// <exception cref="ArgumentException">The lengths differ or are zero.</exception>
    public static double Mse(double[] target, double[] output)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(output);
        if (target.Length != output.Length || target.Length == 0)
        {
            throw new ArgumentException(
                $"Target has {target.Length} values and output {output.Length}; they must be equal and non-zero.", nameof(output));
        }

        double sum = 0.0;
        for (int i = 0; i < target.Length; i++)
        {
            double difference = target[i] - output[i];
            sum += difference * difference;
        }

        return sum / target.Length;
    }

    /// <summary>Describes the network, e.g. "MultilayerPerceptron(2-5-1, sigmoid, biases)".</summary>
    /// <returns>The layer sizes and whether biases are used.</returns>
    public override string ToString() =>
        $"MultilayerPerceptron({string.Join('-', _layers)}, sigmoid, {(UseBiases ? "biases" : "no biases")})";

    private static void CheckVector(double[] values, int expectedLength, string name)
    {
        if (values is null)
        {
            throw new ArgumentNullException(name);
        }

        if (values.Length != expectedLength)
        {
            throw new ArgumentException(
                $"{name} has {values.Length} values but the network expects {expectedLength}; check the layer sizes or the data.", name);
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    $"{name}[{i}] is {values[i].ToString(CultureInfo.InvariantCulture)}; every value must be a finite number.", name);
            }
        }
    }
}
