using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using Perceptron.Activations;

namespace Perceptron.Losses;

/// <summary>
/// Categorical cross-entropy with class-index targets (one column holding 0 … K−1), fused with softmax:
/// per row ℓ = w_y·(logsumexp(z) − z_y), averaged over the N rows; gradient w_y·(softmax(z) − onehot(y))/N.
/// </summary>
/// <remarks>
/// Without class weights every w_y is 1. With them, each row counts w_y times its class's weight, and the sum is still
/// divided by N (Keras's <c>class_weight</c>, not PyTorch's weighted mean Σwℓ/Σw): a row's gradient is scaled by exactly
/// its class's weight whatever else is in its batch. "Balanced" weights N/(K·n_c) (scikit-learn's) average 1 over the
/// data, so the loss stays on the unweighted scale.
/// </remarks>
/// <param name="classWeights">One weight w_c ≥ 0 (finite) per class, or null for none.</param>
/// <exception cref="ArgumentException">A weight is negative, NaN or ∞, or every weight is 0.</exception>
public sealed class SparseCategoricalCrossEntropy(IReadOnlyList<double>? classWeights = null) : Loss
{
    private readonly double[]? _weights = CheckWeights(classWeights);

    /// <inheritdoc/>
    public override string Name => "sparse_categorical_crossentropy";

    /// <summary>The weight of each class, or null when every class weighs 1.</summary>
    public IReadOnlyList<double>? ClassWeights => _weights;

    /// <inheritdoc/>
    public override Activation? FusedActivation => Activation.Softmax;

    /// <inheritdoc/>
    public override int TargetColumns(int outputs) => 1;

    /// <inheritdoc/>
    public override double Compute<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputs)
    {
        double sum = 0;
        for (int row = 0; row < batch; row++)
        {
            ReadOnlySpan<T> z = predictions.Slice(row * outputs, outputs);
            int label = int.CreateTruncating(targets[row]);
            double weight = _weights is null ? 1 : _weights[label];
            T max = TensorPrimitives.Max(z);
            T logSumExp = max + T.Log(CategoricalCrossEntropy.SumExpShifted(z, max));
            sum += weight * double.CreateTruncating(logSumExp - z[label]);
            if (!gradient.IsEmpty)
            {
                T scale = T.CreateTruncating(weight / batch);
                Span<T> g = gradient.Slice(row * outputs, outputs);
                for (int k = 0; k < outputs; k++)
                {
                    g[k] = scale * T.Exp(z[k] - logSumExp);
                }

                g[label] -= scale;
            }
        }

        return sum / batch;
    }

    /// <inheritdoc/>
    public override void ValidateTargets<T>(ReadOnlySpan<T> targets, int outputs)
    {
        if (_weights is not null && _weights.Length != outputs)
        {
            throw new ArgumentException($"The loss has {_weights.Length} class weights but the model has {outputs} classes; give one weight per class.", nameof(outputs));
        }

        for (int row = 0; row < targets.Length; row++)
        {
            T value = targets[row];
            if (!(value >= T.Zero && value < T.CreateTruncating(outputs) && T.IsInteger(value)))
            {
                throw new ArgumentException($"Sparse categorical cross-entropy needs class indices 0…{outputs - 1}; row {row} has {value}.", nameof(targets));
            }
        }
    }

    /// <summary>The loss's name, with its class weights when it has them.</summary>
    /// <returns>E.g. "sparse_categorical_crossentropy" or "sparse_categorical_crossentropy (class weights 1, 5)".</returns>
    public override string ToString() => _weights is null
        ? Name
        : $"{Name} (class weights {string.Join(", ", _weights.Select(w => w.ToString("G4", CultureInfo.InvariantCulture)))})";

    private static double[]? CheckWeights(IReadOnlyList<double>? weights)
    {
        if (weights is null)
        {
            return null;
        }

        for (int c = 0; c < weights.Count; c++)
        {
            if (!(double.IsFinite(weights[c]) && weights[c] >= 0))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Class weight {c} is {weights[c]}; class weights must be finite and ≥ 0."), nameof(weights));
            }
        }

        return weights.Count == 0 || weights.All(w => w == 0)
            ? throw new ArgumentException("Every class weight is 0 (or none was given); at least one class must count.", nameof(weights))
            : [.. weights];
    }
}
