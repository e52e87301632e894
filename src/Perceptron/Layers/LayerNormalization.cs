using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;

namespace Perceptron.Layers;

/// <summary>Layer normalization: each row scaled to zero mean and unit variance, then by a learnt scale and shift.</summary>
/// <remarks>
/// For each row x of n values: μ = Σx/n, σ² = Σ(x − μ)²/n, x̂ = (x − μ)/√(σ² + ε), y = γ ⊙ x̂ + β, with γ (starting
/// at 1) and β (starting at 0) learnt per column. Unlike batch normalization it keeps no running statistics: training
/// and inference compute the same thing, row by row. As PyTorch's <c>LayerNorm</c> and ONNX's <c>LayerNormalization</c>.
/// </remarks>
/// <seealso href="https://arxiv.org/abs/1607.06450"/>
/// <example><code>var model = new Sequential(new Dense(64, Activation.Relu, inputs: 8), new LayerNormalization(), new Dense(1));</code></example>
public class LayerNormalization<T> : Layer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private Memory<T> _gamma, _beta, _gammaGradients, _betaGradients;
    private T[] _normalized = [];          // x̂, batch × n; cached for Backward
    private T[] _inverseDeviation = [];    // 1/√(σ² + ε), one per row; cached for Backward

    /// <summary>Creates a layer normalization.</summary>
    /// <param name="epsilon">ε &gt; 0, added to the variance for stability (PyTorch's and ONNX's 1e-5).</param>
    /// <param name="inputs">Input width, if known now (the first layer); otherwise set when the model is built.</param>
    /// <exception cref="ArgumentOutOfRangeException">ε is not finite and &gt; 0, or inputs &lt; 1.</exception>
    public LayerNormalization(double epsilon = 1e-5, int? inputs = null)
    {
        Epsilon = epsilon > 0 && double.IsFinite(epsilon) ? epsilon : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a finite number > 0.");
        DeclaredInputs = inputs is null or >= 1 ? inputs : throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "A layer needs at least one input.");
    }

    /// <summary>ε, added to each row's variance.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public override string Kind => "LayerNormalization";

    /// <inheritdoc/>
    public override int ParameterCount => 2 * Inputs;

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterShape> ParameterShapes => [new("gamma", [Inputs]), new("beta", [Inputs])];

    /// <summary>The scale γ, one per column.</summary>
    public Span<T> Gamma => _gamma.Span;

    /// <summary>The shift β, one per column.</summary>
    public Span<T> Beta => _beta.Span;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object> GetConfig() => new OrderedDictionary<string, object> { ["epsilon"] = Epsilon };

    internal override string SummaryDetail => string.Create(CultureInfo.InvariantCulture, $"LayerNormalization, ε={Epsilon}");

    /// <summary>A float32 layer normalization from its saved settings (see <see cref="GetConfig"/>).</summary>
    internal static LayerNormalization<float> FromConfig(LayerConfigReader config) => new(config.Double("epsilon", 1e-12, 1));

    /// <summary>γ = 1, β = 0: the layer starts as a plain normalization (nothing is drawn from <paramref name="random"/>).</summary>
    /// <param name="random">Unused.</param>
    public override void ResetParameters(Random random)
    {
        Gamma.Fill(T.One);
        Beta.Clear();
    }

    private protected override int OutputWidth(int inputs)
    {
        if (DeclaredInputs is int declared && declared != inputs)
        {
            throw new ArgumentException($"Layer '{Name}' was declared with {declared} inputs but receives {inputs}; check the layer's inputs or the previous layer's units.");
        }

        return inputs;
    }

    internal override void Bind(Memory<T> parameters, Memory<T> gradients)
    {
        (_gamma, _beta) = (parameters[..Inputs], parameters.Slice(Inputs, Inputs));
        (_gammaGradients, _betaGradients) = (gradients[..Inputs], gradients.Slice(Inputs, Inputs));
    }

    internal override void PrepareTraining(int maxBatch)
    {
        if (_inverseDeviation.Length < maxBatch)
        {
            (_normalized, _inverseDeviation) = (new T[maxBatch * Inputs], new T[maxBatch]);
        }
    }

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, bool training, Span<T> preActivations = default)
    {
        int n = Inputs;
        T count = T.CreateTruncating(n), epsilon = T.CreateTruncating(Epsilon);
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<T> xRow = x.Slice(row * n, n);
            Span<T> yRow = y.Slice(row * n, n);

            // x̂ = (x − μ)/√(σ² + ε), written into y, then y = γ ⊙ x̂ + β.
            T mean = TensorPrimitives.Sum(xRow) / count;
            TensorPrimitives.Subtract(xRow, mean, yRow);
            T inverseDeviation = T.One / T.Sqrt(TensorPrimitives.SumOfSquares<T>(yRow) / count + epsilon);
            TensorPrimitives.Multiply<T>(yRow, inverseDeviation, yRow);
            if (training)
            {
                yRow.CopyTo(_normalized.AsSpan(row * n, n));
                _inverseDeviation[row] = inverseDeviation;
            }

            TensorPrimitives.MultiplyAdd<T>(yRow, _gamma.Span, _beta.Span, yRow);
        }
    }

    internal override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dY, Span<T> dX, int batch)
    {
        int n = Inputs;
        T count = T.CreateTruncating(n);
        Span<T> dGamma = _gammaGradients.Span, dBeta = _betaGradients.Span;
        dGamma.Clear();
        dBeta.Clear();
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<T> normalized = _normalized.AsSpan(row * n, n);
            Span<T> dYRow = dY.Slice(row * n, n);

            // dγ = Σ dY ⊙ x̂, dβ = Σ dY (over rows).
            TensorPrimitives.MultiplyAdd(dYRow, normalized, dGamma, dGamma);
            TensorPrimitives.Add(dBeta, dYRow, dBeta);
            if (dX.IsEmpty)
            {
                continue;
            }

            // dx̂ = dY ⊙ γ (in place in dY); dX = (dx̂ − mean(dx̂) − x̂ ⊙ mean(dx̂ ⊙ x̂)) / √(σ² + ε).
            TensorPrimitives.Multiply(dYRow, _gamma.Span, dYRow);
            T meanGradient = TensorPrimitives.Sum<T>(dYRow) / count;
            T meanProjection = TensorPrimitives.Dot(dYRow, normalized) / count;
            Span<T> dXRow = dX.Slice(row * n, n);
            TensorPrimitives.Multiply(normalized, -meanProjection, dXRow);
            TensorPrimitives.Add<T>(dXRow, dYRow, dXRow);
            TensorPrimitives.Subtract<T>(dXRow, meanGradient, dXRow);
            TensorPrimitives.Multiply<T>(dXRow, _inverseDeviation[row], dXRow);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => IsBuilt
        ? string.Create(CultureInfo.InvariantCulture, $"LayerNormalization({Inputs}, ε={Epsilon})")
        : string.Create(CultureInfo.InvariantCulture, $"LayerNormalization(ε={Epsilon})");
}

/// <summary>A float32 layer normalization; see <see cref="LayerNormalization{T}"/>.</summary>
/// <param name="epsilon">ε &gt; 0, added to the variance for stability.</param>
/// <param name="inputs">Input width, if known now (the first layer).</param>
public sealed class LayerNormalization(double epsilon = 1e-5, int? inputs = null) : LayerNormalization<float>(epsilon, inputs);
