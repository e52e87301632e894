using System.Numerics;

namespace Perceptron.Layers;

/// <summary>A layer of a <see cref="Training.Sequential{T}"/> model: maps a batch of rows to a batch of rows.</summary>
/// <typeparam name="T">The element type (<see cref="float"/> for training, <see cref="double"/> for exact checks).</typeparam>
/// <remarks>
/// A layer learns its input width when the model is built. Its parameters are views into the model's one
/// contiguous parameter buffer, and its gradients into the matching gradient buffer.
/// </remarks>
public abstract class Layer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The layer's name, unique within its model (e.g. "dense_1"); assigned by the model when not set.</summary>
    public string? Name { get; set; }

    /// <summary>The layer's kind as shown in summaries, e.g. "Dense"; in snake_case ("dense") it names the kind in model files
    /// and default layer names.</summary>
    public abstract string Kind { get; }

    /// <summary>The input width given at construction, if any (then the model can be built as soon as it is compiled).</summary>
    public int? DeclaredInputs { get; private protected init; }

    /// <summary>Input width, known once the model is built (0 before).</summary>
    public int Inputs { get; private set; }

    /// <summary>Output width, known once the model is built (0 before).</summary>
    public int Outputs { get; private set; }

    /// <summary>Whether the layer knows its input width and has its parameters.</summary>
    public bool IsBuilt => Inputs > 0;

    /// <summary>Number of trainable parameters (0 before the model is built for layers whose count depends on the input).</summary>
    public virtual int ParameterCount => 0;

    /// <summary>The shape of each parameter tensor, in the order the parameters are laid out (e.g. Dense: kernel, then bias);
    /// empty for parameter-free layers. Known once the layer is built.</summary>
    public virtual IReadOnlyList<ParameterShape> ParameterShapes => [];

    /// <summary>The layer's settings by name, as written in model files (Keras's <c>get_config</c>): each value an
    /// <see cref="int"/>, <see cref="double"/>, <see cref="bool"/> or <see cref="string"/>.</summary>
    /// <returns>The settings that recreate this layer (without its parameters), in a fixed order.</returns>
    public virtual IReadOnlyDictionary<string, object> GetConfig() => new Dictionary<string, object>();

    /// <summary>Draws fresh parameters from <paramref name="random"/>; nothing for parameter-free layers.</summary>
    /// <param name="random">The model's seeded initialisation source.</param>
    public virtual void ResetParameters(Random random)
    {
    }

    /// <summary>Fixes the input width and returns the output width.</summary>
    internal void Build(int inputs)
    {
        Outputs = OutputWidth(inputs);
        Inputs = inputs;
    }

    /// <summary>The output width for an input width; throws if the input width does not fit the layer.</summary>
    private protected abstract int OutputWidth(int inputs);

    /// <summary>Points the layer's parameters and gradients at slices of the model's buffers.</summary>
    internal virtual void Bind(Memory<T> parameters, Memory<T> gradients)
    {
    }

    /// <summary>Allocates the caches a training step needs for batches of up to <paramref name="maxBatch"/> rows.</summary>
    internal virtual void PrepareTraining(int maxBatch)
    {
    }

    /// <summary>Reseeds the layer's randomness (dropout) for one epoch of a seeded run.</summary>
    internal virtual void StartEpoch(int seed, int epoch, int layerIndex)
    {
    }

    /// <summary>
    /// y = layer(x) for <paramref name="batch"/> rows. In training, caches what <see cref="Backward"/> needs;
    /// otherwise touches no layer state, so inference is safe from many threads.
    /// </summary>
    /// <param name="x">Inputs, <c>batch × Inputs</c>.</param>
    /// <param name="y">Outputs, <c>batch × Outputs</c>.</param>
    /// <param name="batch">Rows in this batch.</param>
    /// <param name="training">Training mode (dropout active, caches kept).</param>
    /// <param name="preActivations">When not empty, also receives the pre-activations (<c>batch × Outputs</c>).</param>
    internal abstract void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, bool training, Span<T> preActivations = default);

    /// <summary>
    /// From dY = ∂loss/∂y, accumulates nothing but writes this layer's parameter gradients and, when
    /// <paramref name="dX"/> is not empty, ∂loss/∂x. May overwrite <paramref name="dY"/>.
    /// </summary>
    /// <param name="x">The inputs of the training forward pass.</param>
    /// <param name="y">The outputs of the training forward pass.</param>
    /// <param name="dY">Gradient with respect to the outputs (with respect to the pre-activations for a fused output layer).</param>
    /// <param name="dX">Destination for the input gradient, or empty to skip it (first layer).</param>
    /// <param name="batch">Rows in this batch.</param>
    internal abstract void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dY, Span<T> dX, int batch);

    /// <summary>The regularisation penalty this layer adds to the loss (L2), 0 by default.</summary>
    internal virtual double Penalty() => 0;

    /// <summary>The kind and the settings worth a glance, for <see cref="Training.Sequential{T}.Summary"/>, e.g. "Dense, relu".</summary>
    internal virtual string SummaryDetail => Kind;

    /// <summary>Describes the layer, e.g. "Dense(784 → 128, relu)".</summary>
    /// <returns>The kind and shape.</returns>
    public override string ToString() => IsBuilt ? $"{Kind}({Inputs} → {Outputs})" : $"{Kind}";
}
