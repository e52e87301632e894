using System.Numerics;

namespace Perceptron.Optimizers;

/// <summary>RMSprop: divides the gradient by a running root mean square of recent gradients (PyTorch's rules).</summary>
/// <remarks>
/// <code>
/// g ← g + weightDecay·p
/// s ← ρ·s + (1 − ρ)·g²
/// if momentum &gt; 0:  b ← momentum·b + g / (√s + ε);  p ← p − η·b
/// else:              p ← p − η·g / (√s + ε)
/// </code>
/// </remarks>
/// <param name="learningRate">Step size η &gt; 0; 1e-3 by default.</param>
/// <param name="rho">Decay ρ of the squared-gradient average, in [0, 1) (PyTorch's alpha, 0.99).</param>
/// <param name="epsilon">Stability term, &gt; 0.</param>
/// <param name="momentum">Momentum in [0, 1).</param>
/// <param name="weightDecay">L2 penalty added to the gradient, ≥ 0.</param>
public sealed class RmsProp(double learningRate = 1e-3, double rho = 0.99, double epsilon = 1e-8, double momentum = 0, double weightDecay = 0)
    : Optimizer(learningRate)
{
    /// <summary>Decay ρ of the squared-gradient average.</summary>
    public double Rho { get; } = rho is >= 0 and < 1 ? rho : throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must be in [0, 1).");

    /// <summary>Stability term ε.</summary>
    public double Epsilon { get; } = epsilon > 0 && double.IsFinite(epsilon) ? epsilon : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be > 0.");

    /// <summary>Momentum.</summary>
    public double Momentum { get; } = momentum is >= 0 and < 1 ? momentum : throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be in [0, 1).");

    /// <summary>Weight decay (L2 added to the gradient).</summary>
    public double WeightDecay { get; } = weightDecay >= 0 && double.IsFinite(weightDecay) ? weightDecay : throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be ≥ 0.");

    /// <inheritdoc/>
    public override string Name => "rmsprop";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Settings => new Dictionary<string, double>
    {
        ["learning_rate"] = LearningRate,
        ["rho"] = Rho,
        ["epsilon"] = Epsilon,
        ["momentum"] = Momentum,
        ["weight_decay"] = WeightDecay,
    };

    private protected override void Update<T>(Span<T> parameters, ReadOnlySpan<T> gradients, int offset, int total)
    {
        Span<T> square = StateBuffer<T>(0, total, offset, parameters.Length);
        Span<T> velocity = Momentum > 0 ? StateBuffer<T>(1, total, offset, parameters.Length) : default;
        T lr = T.CreateTruncating(LearningRate), rho = T.CreateTruncating(Rho), oneMinusRho = T.CreateTruncating(1 - Rho);
        T epsilon = T.CreateTruncating(Epsilon), mu = T.CreateTruncating(Momentum), decay = T.CreateTruncating(WeightDecay);
        for (int i = 0; i < parameters.Length; i++)
        {
            T g = gradients[i] + decay * parameters[i];
            square[i] = rho * square[i] + oneMinusRho * g * g;
            T scaled = g / (T.Sqrt(square[i]) + epsilon);
            if (Momentum > 0)
            {
                velocity[i] = mu * velocity[i] + scaled;
                scaled = velocity[i];
            }

            parameters[i] -= lr * scaled;
        }
    }
}
