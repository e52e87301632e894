using System.Numerics;
using Perceptron.Core;

namespace Perceptron.Layers;

/// <summary>Dropout: in training, zeroes each input with probability <see cref="Rate"/> and scales the rest by 1/(1 − rate).</summary>
/// <remarks>
/// "Inverted" dropout, as in PyTorch and Keras: inference is the identity. The mask comes from a generator
/// seeded by the model's seed, the epoch and the layer's position, so a seeded run is repeatable and can resume.
/// </remarks>
public class Dropout<T> : Layer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _mask = []; // batch × width, 0 or 1/(1 − rate); cached for Backward
    private Rng _random;

    /// <summary>Creates a dropout layer.</summary>
    /// <param name="rate">Probability of dropping each input, in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside [0, 1).</exception>
    public Dropout(double rate)
    {
        Rate = rate is >= 0 and < 1 ? rate : throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be in [0, 1).");
    }

    /// <summary>Probability of dropping each input.</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    public override string Kind => "Dropout";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object> GetConfig() => new OrderedDictionary<string, object> { ["rate"] = Rate };

    internal override string SummaryDetail => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Dropout, rate={Rate}");

    /// <summary>A float32 dropout layer from its saved settings (see <see cref="GetConfig"/>).</summary>
    internal static Dropout<float> FromConfig(LayerConfigReader config) => new(config.Double("rate", 0, 0.999999));

    private protected override int OutputWidth(int inputs) => inputs;

    internal override void PrepareTraining(int maxBatch)
    {
        if (_mask.Length < maxBatch * Inputs)
        {
            _mask = new T[maxBatch * Inputs];
        }
    }

    /// <summary>The last training forward pass's mask (0 or 1/(1 − rate) per input); empty when the rate is 0.</summary>
    internal ReadOnlySpan<T> Mask(int batch) => Rate == 0 ? default : _mask.AsSpan(0, batch * Inputs);

    internal override void StartEpoch(int seed, int epoch, int layerIndex) => _random = new Rng(seed, epoch, 1000 + layerIndex);

    internal override void Forward(ReadOnlySpan<T> x, Span<T> y, int batch, bool training, Span<T> preActivations = default)
    {
        int count = batch * Inputs;
        if (!training || Rate == 0)
        {
            x[..count].CopyTo(y);
            return;
        }

        T keepScale = T.CreateTruncating(1 / (1 - Rate));
        float rate = (float)Rate;
        Span<T> mask = _mask.AsSpan(0, count);
        for (int i = 0; i < count; i++)
        {
            mask[i] = _random.NextSingle() < rate ? T.Zero : keepScale;
            y[i] = x[i] * mask[i];
        }
    }

    internal override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dY, Span<T> dX, int batch)
    {
        if (dX.IsEmpty)
        {
            return;
        }

        int count = batch * Inputs;
        if (Rate == 0)
        {
            dY[..count].CopyTo(dX);
            return;
        }

        System.Numerics.Tensors.TensorPrimitives.Multiply(dY[..count], _mask.AsSpan(0, count), dX);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Dropout({Rate})";
}

/// <summary>A float32 dropout layer; see <see cref="Dropout{T}"/>.</summary>
/// <param name="rate">Probability of dropping each input, in [0, 1).</param>
public sealed class Dropout(double rate) : Dropout<float>(rate);
