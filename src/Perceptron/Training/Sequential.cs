using System.Numerics;
using Perceptron.Core;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Metrics;
using Perceptron.Optimizers;

namespace Perceptron.Training;

/// <summary>A stack of layers trained end to end: the engine's model, after Keras's <c>Sequential</c>.</summary>
/// <typeparam name="T">The element type: <see cref="float"/> (see <see cref="Sequential"/>) or <see cref="double"/> for exact checks.</typeparam>
/// <remarks>
/// All parameters live in one contiguous buffer and all gradients in another; each layer's weights are views
/// into them. A seed fixes the initial weights, the shuffling and the dropout masks, so the same seed gives
/// bit-identical weights, run after run and whatever the thread count (the kernels never split a sum across threads).
/// </remarks>
/// <example>
/// <code>
/// var model = new Sequential(new Dense(5, Activation.Relu, inputs: 2), new Dense(1)) { Seed = 42 };
/// model.Compile(new Sgd(0.1), new MeanSquaredError());
/// History history = model.Fit(xTrain, yTrain, epochs: 100, batchSize: 32);
/// Matrix&lt;float&gt; sums = model.Predict(xTest);
/// </code>
/// </example>
public partial class Sequential<T> : ITrainingModel
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<Layer<T>> _layers = [];
    private T[] _parameters = [];
    private T[] _gradients = [];
    private Metric[] _metrics = [];
    private LossCompute<T>? _lossCompute;        // Loss.Compute<T> and Metric.Update<T>, bound once (see EngineDelegates)
    private MetricUpdate<T>[] _metricUpdates = [];
    private ParameterPasses<T>? _parameterPasses; // the step's norm and update, split over the threads (made on first use)

    /// <summary>Creates a model from layers, in order.</summary>
    /// <param name="layers">The layers; more can be added with <see cref="Add"/> before the model is built.</param>
    public Sequential(params IEnumerable<Layer<T>> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers)
        {
            Add(layer);
        }
    }

    /// <summary>Fixes initialisation, shuffling and dropout. Chosen at random when not set (and then readable here).</summary>
    public int Seed { get; init; } = Random.Shared.Next();

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer<T>> Layers => _layers;

    /// <summary>Whether the input width is known and the parameters exist.</summary>
    public bool IsBuilt { get; private set; }

    /// <summary>Input width (0 before the model is built).</summary>
    public int Inputs => IsBuilt ? _layers[0].Inputs : 0;

    /// <summary>Output width (0 before the model is built).</summary>
    public int Outputs => IsBuilt ? _layers[^1].Outputs : 0;

    /// <summary>The optimizer given to <see cref="Compile"/>.</summary>
    public Optimizer? Optimizer { get; private set; }

    /// <summary>The loss given to <see cref="Compile"/>.</summary>
    public Loss? Loss { get; private set; }

    /// <summary>The metrics given to <see cref="Compile"/>.</summary>
    public IReadOnlyList<Metric> Metrics => _metrics;

    /// <summary>Total number of trainable parameters (0 before the model is built).</summary>
    public int ParameterCount => _parameters.Length;

    /// <summary>All parameters, layer by layer (each Dense: weights row-major, then bias).</summary>
    public Span<T> Parameters => _parameters;

    /// <summary>The gradients of the last training step or <see cref="ComputeGradients"/>, laid out as <see cref="Parameters"/>.</summary>
    public ReadOnlySpan<T> Gradients => _gradients;

    /// <inheritdoc/>
    public bool StopTraining { get; set; }

    /// <inheritdoc/>
    public string? StopReason { get; set; }

    /// <inheritdoc/>
    IReadOnlyList<Training.Callbacks.Callback> ITrainingModel.Callbacks => _callbacks;

    /// <summary>Appends a layer.</summary>
    /// <param name="layer">The layer; it must not belong to another model.</param>
    /// <exception cref="InvalidOperationException">The model is already built.</exception>
    public void Add(Layer<T> layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (IsBuilt)
        {
            throw new InvalidOperationException("The model is already built; add every layer before building, compiling with a known input width, or training.");
        }

        if (_layers.Contains(layer))
        {
            throw new ArgumentException($"Layer '{layer.Name}' is already in the model; create a new layer instead.", nameof(layer));
        }

        string kind = LayerRegistry.FileKind(layer.Kind);
        int sameKind = _layers.Count(l => l.Kind == layer.Kind);
        layer.Name ??= sameKind == 0 ? kind : $"{kind}_{sameKind}";
        _layers.Add(layer);
    }

    /// <summary>Fixes the input width, allocates the parameters and draws them from the seed.</summary>
    /// <param name="inputs">Columns of the input data, ≥ 1.</param>
    /// <exception cref="InvalidOperationException">The model has no layers, or is already built for another width.</exception>
    public void Build(int inputs) => Build(inputs, initialParameters: null);

    /// <summary>
    /// Builds the model for <paramref name="inputs"/> columns; the parameters are <paramref name="initialParameters"/>
    /// when given (a loaded model: no random draw), else drawn from the seed.
    /// </summary>
    internal void Build(int inputs, T[]? initialParameters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        if (IsBuilt)
        {
            if (inputs != Inputs)
            {
                throw new ArgumentException($"Input has {inputs} features but layer '{_layers[0].Name}' expects {Inputs}; check the data's columns.", nameof(inputs));
            }

            return;
        }

        if (_layers.Count == 0)
        {
            throw new InvalidOperationException("The model has no layers; add at least one Dense layer.");
        }

        int width = inputs;
        foreach (var layer in _layers)
        {
            layer.Build(width);
            width = layer.Outputs;
        }

        int total = _layers.Sum(l => l.ParameterCount);
        if (initialParameters is not null && initialParameters.Length != total)
        {
            throw new ArgumentException($"The model has {total} parameters but {initialParameters.Length} were given.", nameof(initialParameters));
        }

        _parameters = initialParameters ?? new T[total];
        _gradients = new T[_parameters.Length];
        int offset = 0;
        var random = initialParameters is null ? new Random(Seed) : null;
        foreach (var layer in _layers)
        {
            int count = layer.ParameterCount;
            layer.Bind(_parameters.AsMemory(offset, count), _gradients.AsMemory(offset, count));
            if (random is not null)
            {
                layer.ResetParameters(random);
            }

            offset += count;
        }

        IsBuilt = true;
        ConfigureLossFusion();
    }

    /// <summary>Chooses how the model learns: the optimizer, the loss and the metrics to report.</summary>
    /// <param name="optimizer">Updates the parameters each step; belongs to this model from now on.</param>
    /// <param name="loss">What training minimises.</param>
    /// <param name="metrics">Extra measures reported each epoch (and by <see cref="Evaluate(Tensors.Matrix{T}, Tensors.Matrix{T}, int)"/>).</param>
    /// <exception cref="ArgumentException">The loss cannot follow the last layer's activation (e.g. cross-entropy after ReLU).</exception>
    public void Compile(Optimizer optimizer, Loss loss, params IEnumerable<Metric> metrics)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(metrics);
        if (_layers.Count == 0)
        {
            throw new InvalidOperationException("The model has no layers; add at least one Dense layer before compiling.");
        }

        Optimizer = optimizer;
        Loss = loss;
        _metrics = [.. metrics];
        _lossCompute = loss.Compute<T>;
        _metricUpdates = [.. _metrics.Select(m => (MetricUpdate<T>)m.Update<T>)];
        if (!IsBuilt && _layers[0].DeclaredInputs is int inputs)
        {
            Build(inputs);
        }

        ConfigureLossFusion();
    }

    /// <inheritdoc/>
    public object SnapshotParameters(object? reuse = null)
    {
        var snapshot = reuse as T[] is { } previous && previous.Length == _parameters.Length ? previous : new T[_parameters.Length];
        _parameters.CopyTo(snapshot, 0);
        return snapshot;
    }

    /// <inheritdoc/>
    public void RestoreParameters(object snapshot)
    {
        if (snapshot is not T[] values || values.Length != _parameters.Length)
        {
            throw new ArgumentException("The snapshot does not come from this model.", nameof(snapshot));
        }

        values.CopyTo(_parameters, 0);
    }

    /// <summary>Whether the loss absorbs the last layer's activation (softmax + cross-entropy, sigmoid + binary cross-entropy).</summary>
    private bool LossIsFused => _layers.Count > 0 && _layers[^1] is IFusableOutput<T> { FusedWithLoss: true };

    private void ConfigureLossFusion()
    {
        if (Loss is null || _layers.Count == 0)
        {
            return;
        }

        foreach (var output in _layers.OfType<IFusableOutput<T>>())
        {
            output.FusedWithLoss = false;
        }

        CheckLossFits(Loss);
        if (Loss.FusedActivation is not null)
        {
            ((IFusableOutput<T>)_layers[^1]).FusedWithLoss = true;
        }
    }

    /// <summary>Throws unless <paramref name="loss"/> can follow the last layer: a loss that absorbs an activation needs a
    /// last layer ending in it (or in 'linear', whose outputs are then logits). The last layer is asked, whatever its kind.</summary>
    /// <exception cref="ArgumentException">The loss cannot follow the last layer.</exception>
    internal void CheckLossFits(Loss loss)
    {
        if (loss.FusedActivation is not { } fused || _layers.Count == 0)
        {
            return;
        }

        if (_layers[^1] is not IFusableOutput<T> last || (last.Activation != fused && last.Activation != Activations.Activation.Linear))
        {
            string found = _layers[^1] is IFusableOutput<T> output ? $"has activation '{output.Activation.Name}'" : $"is a {_layers[^1].Kind} layer, which ends in no activation";
            throw new ArgumentException(
                $"Loss '{loss.Name}' needs the last layer to end in activation '{fused.Name}' (or 'linear' for logits), but layer '{_layers[^1].Name}' {found}; end the model with a Dense layer with activation '{fused.Name}'.");
        }
    }

    private void CheckCompiled()
    {
        if (Optimizer is null || Loss is null)
        {
            throw new InvalidOperationException("The model is not compiled; call Compile(optimizer, loss) before Fit or Evaluate.");
        }
    }
}

/// <summary>A float32 <see cref="Sequential{T}"/>: the model most code wants.</summary>
/// <param name="layers">The layers, in order.</param>
public sealed class Sequential(params IEnumerable<Layer<float>> layers) : Sequential<float>(layers);
