using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using Perceptron.Activations;
using Perceptron.Core;
using Perceptron.Initializers;
using Perceptron.Kernels;

namespace Perceptron.Layers;

/// <summary>A fully connected layer.</summary>
/// <remarks>
/// Computes y = f(x·W + b) for a batch: x is batch × inputs, W is inputs × units (row-major), b has units
/// entries and f is the activation. Weights start from <see cref="KernelInitializer"/> (Glorot uniform by
/// default), biases at zero. Optional L2 and L1 penalties λ·Σw² and λ₁·Σ|w| join the loss (biases are not penalised).
/// </remarks>
/// <example><code>var hidden = new Dense(128, Activation.Relu);</code></example>
public class Dense<T> : Layer<T>, IFusableOutput<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private Memory<T> _weights, _bias, _weightGradients, _biasGradients;
    private T[] _preActivations = []; // batch × units; cached for Backward when the activation's derivative needs z
    private readonly ActivationForward<T> _activationForward;   // Activation.Forward<T>, bound once (see EngineDelegates)
    private readonly ActivationBackward<T> _activationBackward;

    /// <summary>Creates a fully connected layer.</summary>
    /// <param name="units">Number of outputs, ≥ 1.</param>
    /// <param name="activation">The activation f; <see cref="Activation.Linear"/> when null.</param>
    /// <param name="kernelInitializer">How the weights start; <see cref="Initializer.GlorotUniform"/> when null.</param>
    /// <param name="useBias">Whether to add a bias vector.</param>
    /// <param name="l2">L2 penalty λ ≥ 0 on the weights (λ·Σw² is added to the loss).</param>
    /// <param name="inputs">Input width, if known now (the first layer); otherwise set when the model is built.</param>
    /// <param name="l1">L1 penalty λ₁ ≥ 0 on the weights (λ₁·Σ|w| is added to the loss).</param>
    /// <exception cref="ArgumentOutOfRangeException">units &lt; 1, inputs &lt; 1 when given, or a λ negative or not finite.</exception>
    public Dense(int units, Activation? activation = null, Initializer? kernelInitializer = null, bool useBias = true, double l2 = 0, int? inputs = null, double l1 = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        if (inputs is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "A layer needs at least one input.");
        }

        if (!(l2 >= 0) || !double.IsFinite(l2))
        {
            throw new ArgumentOutOfRangeException(nameof(l2), l2, "The L2 penalty must be a finite number ≥ 0.");
        }

        if (!(l1 >= 0) || !double.IsFinite(l1))
        {
            throw new ArgumentOutOfRangeException(nameof(l1), l1, "The L1 penalty must be a finite number ≥ 0.");
        }

        Units = units;
        Activation = activation ?? Activation.Linear;
        _activationForward = Activation.Forward<T>;
        _activationBackward = Activation.Backward<T>;
        KernelInitializer = kernelInitializer ?? Initializer.GlorotUniform;
        UseBias = useBias;
        L2 = l2;
        L1 = l1;
        DeclaredInputs = inputs;
    }

    /// <summary>Number of outputs.</summary>
    public int Units { get; }

    /// <summary>The activation f.</summary>
    public Activation Activation { get; }

    /// <summary>How the weights start.</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>The L2 penalty λ on the weights.</summary>
    public double L2 { get; }

    /// <summary>The L1 penalty λ₁ on the weights (pulls every non-zero weight towards zero by the same amount).</summary>
    public double L1 { get; }

    /// <inheritdoc/>
    public override string Kind => "Dense";

    /// <inheritdoc/>
    public override int ParameterCount => IsBuilt ? Inputs * Units + (UseBias ? Units : 0) : 0;

    /// <summary>The weights W, row-major inputs × units; read and write them to start from known values.</summary>
    /// <exception cref="InvalidOperationException">The model is not built yet.</exception>
    public Span<T> Weights => CheckBuilt()._weights.Span;

    /// <summary>The bias b (units entries; empty without a bias).</summary>
    /// <exception cref="InvalidOperationException">The model is not built yet.</exception>
    public Span<T> Bias => CheckBuilt()._bias.Span;

    /// <summary>The last training step's gradient of the loss with respect to <see cref="Weights"/>.</summary>
    public ReadOnlySpan<T> WeightGradients => CheckBuilt()._weightGradients.Span;

    /// <summary>The last training step's gradient of the loss with respect to <see cref="Bias"/>.</summary>
    public ReadOnlySpan<T> BiasGradients => CheckBuilt()._biasGradients.Span;

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterShape> ParameterShapes => UseBias
        ? [new("kernel", [Inputs, Units]), new("bias", [Units])]
        : [new("kernel", [Inputs, Units])];

    /// <summary>
    /// Set by the model when the loss absorbs this layer's activation (softmax + cross-entropy): the layer then
    /// keeps its pre-activations for the loss, and Backward receives the gradient with respect to them.
    /// </summary>
    internal bool FusedWithLoss { get; set; }

    bool IFusableOutput<T>.FusedWithLoss
    {
        get => FusedWithLoss;
        set => FusedWithLoss = value;
    }

    internal override string SummaryDetail =>
        $"Dense, {Activation.Name}{(L1 > 0 ? string.Create(CultureInfo.InvariantCulture, $", l1={L1}") : "")}{(L2 > 0 ? string.Create(CultureInfo.InvariantCulture, $", l2={L2}") : "")}";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object> GetConfig()
    {
        var config = new OrderedDictionary<string, object>
        {
            ["units"] = Units,
            ["activation"] = Activation.Name,
            ["use_bias"] = UseBias,
            ["l2"] = L2,
            ["initializer"] = KernelInitializer.Name,
        };

        // Written only when used, so files without it stay as they were and readers before it can still open them.
        if (L1 > 0)
        {
            config.Insert(4, "l1", L1);
        }

        return config;
    }

    /// <summary>A float32 dense layer from its saved settings (see <see cref="GetConfig"/>).</summary>
    internal static Dense<float> FromConfig(LayerConfigReader config) => new(
        config.Int("units", 1, LayerConfigReader.MaxWidth),
        config.Lookup("activation", Activation.FromName),
        config.Has("initializer") ? config.Lookup("initializer", Initializer.FromName) : null,
        config.Bool("use_bias"),
        config.Double("l2", 0, 1e6),
        l1: config.Has("l1") ? config.Double("l1", 0, 1e6) : 0);

    /// <summary>The last training forward pass's pre-activations (for a fused loss).</summary>
    ReadOnlySpan<T> IFusableOutput<T>.PreActivations(int batch) => _preActivations.AsSpan(0, batch * Units);

    /// <summary>Copies the weights into a new [inputs, units] array.</summary>
    /// <returns>A copy of W.</returns>
    public T[,] GetWeights()
    {
        var copy = new T[Inputs, Units];
        Weights.CopyTo(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref copy[0, 0], copy.Length));
        return copy;
    }

    /// <summary>Overwrites the weights from an [inputs, units] array.</summary>
    /// <param name="weights">The new W.</param>
    /// <exception cref="ArgumentException">The shape is not [inputs, units].</exception>
    public void SetWeights(T[,] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.GetLength(0) != Inputs || weights.GetLength(1) != Units)
        {
            throw new ArgumentException($"Layer '{Name}' has weights [{Inputs}, {Units}]; got [{weights.GetLength(0)}, {weights.GetLength(1)}].", nameof(weights));
        }

        System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref weights[0, 0], weights.Length).CopyTo(Weights);
    }

    /// <inheritdoc/>
    public override void ResetParameters(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        KernelInitializer.Fill(Weights, Inputs, Units, random);
        Bias.Clear();
    }

    private protected override int OutputWidth(int inputs)
    {
        if (DeclaredInputs is int declared && declared != inputs)
        {
            throw new ArgumentException(
                $"Layer '{Name}' was declared with {declared} inputs but receives {inputs}; check the layer's inputs or the data's columns.");
        }

        return Units;
    }

    internal override void Bind(Memory<T> parameters, Memory<T> gradients)
    {
        int weightCount = Inputs * Units;
        _weights = parameters[..weightCount];
        _bias = parameters.Slice(weightCount, UseBias ? Units : 0);
        _weightGradients = gradients[..weightCount];
        _biasGradients = gradients.Slice(weightCount, UseBias ? Units : 0);
    }

    internal override void PrepareTraining(int maxBatch)
    {
        bool keepZ = FusedWithLoss || Activation.BackwardNeedsPreActivation;
        int needed = keepZ ? maxBatch * Units : 0;
        if (_preActivations.Length < needed)
        {
            _preActivations = new T[needed];
        }
    }

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, bool training, Span<T> preActivations = default)
    {
        if (preActivations.IsEmpty && training && _preActivations.Length > 0)
        {
            preActivations = _preActivations.AsSpan(0, batch * Units);
        }

        // z = x·W: (batch × inputs)·(inputs × units), written where the pre-activations are wanted, else into y.
        Span<T> z = preActivations.IsEmpty ? y : preActivations;
        Gemm.Multiply<T>(x, _weights.Span, z, batch, Units, Inputs);

        // Bias and activation in one pass over each row, while the row is still in cache.
        ReadOnlySpan<T> bias = _bias.Span;
        for (int row = 0; row < batch; row++)
        {
            Span<T> zRow = z.Slice(row * Units, Units);
            if (UseBias)
            {
                TensorPrimitives.Add(zRow, bias, zRow);
            }

            _activationForward(zRow, y.Slice(row * Units, Units), Units);
        }
    }

    internal override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dY, Span<T> dX, int batch)
    {
        Span<T> dZ = dY[..(batch * Units)];
        if (!FusedWithLoss)
        {
            // Fold f′ into the gradient in place: dZ = dY ⊙ f′(z).
            ReadOnlySpan<T> z = _preActivations.Length > 0 ? _preActivations.AsSpan(0, batch * Units) : y;
            _activationBackward(z, y, dZ, dZ, Units);
        }

        // dW = xᵀ·dZ (inputs × units), without forming xᵀ.
        Span<T> dW = _weightGradients.Span;
        Gemm.Multiply<T>(x, dZ, dW, Inputs, Units, batch, transposeA: true);
        if (L2 > 0)
        {
            // ∂(λΣw²)/∂w = 2λw.
            TensorPrimitives.MultiplyAdd(_weights.Span, T.CreateTruncating(2 * L2), dW, dW);
        }

        if (L1 > 0)
        {
            // ∂(λ₁Σ|w|)/∂w = λ₁·sign(w), with sign(0) = 0 (the subgradient PyTorch's abs also takes at 0).
            AddScaledSigns(_weights.Span, T.CreateTruncating(L1), dW);
        }

        if (UseBias)
        {
            // dB = column sums of dZ.
            Span<T> dB = _biasGradients.Span;
            dB.Clear();
            for (int row = 0; row < batch; row++)
            {
                TensorPrimitives.Add(dB, dZ.Slice(row * Units, Units), dB);
            }
        }

        if (!dX.IsEmpty)
        {
            // dX = dZ·Wᵀ (batch × inputs), W read as its transpose in place.
            Gemm.Multiply<T>(dZ, _weights.Span, dX, batch, Inputs, Units, transposeB: true);
        }
    }

    internal override double Penalty() =>
        (L2 > 0 ? L2 * double.CreateTruncating(TensorPrimitives.SumOfSquares<T>(_weights.Span)) : 0)
        + (L1 > 0 ? L1 * double.CreateTruncating(TensorPrimitives.SumOfMagnitudes<T>(_weights.Span)) : 0);

    private static void AddScaledSigns(ReadOnlySpan<T> weights, T scale, Span<T> gradients)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            // Compared rather than T.Sign, which throws on NaN (a diverged run must report NaN, not crash).
            T w = weights[i];
            gradients[i] += w > T.Zero ? scale : w < T.Zero ? -scale : T.Zero;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => IsBuilt
        ? $"Dense({Inputs} → {Units}, {Activation.Name})"
        : string.Create(CultureInfo.InvariantCulture, $"Dense({Units}, {Activation.Name})");

    private Dense<T> CheckBuilt() => IsBuilt
        ? this
        : throw new InvalidOperationException($"Layer '{Name ?? "dense"}' has no weights yet: build the model first (model.Build(inputs), Fit or Predict), or give the first layer its inputs.");
}

/// <summary>A fully connected float32 layer; see <see cref="Dense{T}"/>.</summary>
/// <inheritdoc cref="Dense{T}.Dense(int, Activation?, Initializer?, bool, double, int?, double)"/>
public sealed class Dense(int units, Activation? activation = null, Initializer? kernelInitializer = null, bool useBias = true, double l2 = 0, int? inputs = null, double l1 = 0)
    : Dense<float>(units, activation, kernelInitializer, useBias, l2, inputs, l1);
