using System.Numerics;

namespace Perceptron.Optimizers;

/// <summary>Stochastic gradient descent with optional momentum, Nesterov momentum and weight decay (PyTorch's rules).</summary>
/// <remarks>
/// <code>
/// g ← g + weightDecay·p
/// if momentum &gt; 0:  b ← momentum·b + g;  g ← nesterov ? g + momentum·b : b
/// p ← p − η·g
/// </code>
/// </remarks>
/// <param name="learningRate">Step size η &gt; 0.</param>
/// <param name="momentum">Momentum μ in [0, 1); 0 for plain SGD.</param>
/// <param name="nesterov">Use Nesterov momentum (needs μ &gt; 0).</param>
/// <param name="weightDecay">L2 penalty added to the gradient, ≥ 0.</param>
public sealed class Sgd(double learningRate = 0.01, double momentum = 0, bool nesterov = false, double weightDecay = 0)
    : Optimizer(learningRate)
{
    /// <summary>Momentum μ.</summary>
    public double Momentum { get; } = momentum is >= 0 and < 1 ? momentum : throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be in [0, 1).");

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; } = !nesterov || momentum > 0 ? nesterov : throw new ArgumentException("Nesterov momentum needs momentum > 0.", nameof(nesterov));

    /// <summary>Weight decay (L2 added to the gradient).</summary>
    public double WeightDecay { get; } = weightDecay >= 0 && double.IsFinite(weightDecay) ? weightDecay : throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be ≥ 0.");

    /// <inheritdoc/>
    public override string Name => "sgd";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Settings => new Dictionary<string, double>
    {
        ["learning_rate"] = LearningRate,
        ["momentum"] = Momentum,
        ["nesterov"] = Nesterov ? 1 : 0,
        ["weight_decay"] = WeightDecay,
    };

    private protected override void Update<T>(Span<T> parameters, ReadOnlySpan<T> gradients, int offset, int total)
    {
        T lr = T.CreateTruncating(LearningRate), mu = T.CreateTruncating(Momentum), decay = T.CreateTruncating(WeightDecay);
        Span<T> velocity = Momentum > 0 ? StateBuffer<T>(0, total, offset, parameters.Length) : default;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<T> lrV = new(lr), muV = new(mu), decayV = new(decay);
            for (; i <= parameters.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var p = new Vector<T>(parameters[i..]);
                var g = new Vector<T>(gradients[i..]) + decayV * p;
                if (Momentum > 0)
                {
                    var b = muV * new Vector<T>(velocity[i..]) + g;
                    b.CopyTo(velocity[i..]);
                    g = Nesterov ? g + muV * b : b;
                }

                (p - lrV * g).CopyTo(parameters[i..]);
            }
        }

        for (; i < parameters.Length; i++)
        {
            T g = gradients[i] + decay * parameters[i];
            if (Momentum > 0)
            {
                velocity[i] = mu * velocity[i] + g;
                g = Nesterov ? g + mu * velocity[i] : velocity[i];
            }

            parameters[i] -= lr * g;
        }
    }
}
