using System.Globalization;
using Perceptron.Optimizers;

namespace Perceptron.Cli.Lessons;

/// <summary>An optimizer and its settings, as a recipe names it (a new instance per run: optimizers keep state).</summary>
/// <param name="Kind">sgd, momentum or adam.</param>
/// <param name="LearningRate">The step size η.</param>
internal sealed record OptimizerChoice(OptimizerKind Kind, double LearningRate)
{
    /// <summary>Plain gradient descent, w −= η·g.</summary>
    public static OptimizerChoice Sgd(double learningRate) => new(OptimizerKind.Sgd, learningRate);

    /// <summary>Gradient descent with momentum 0.9: v = 0.9·v + g, w −= η·v.</summary>
    public static OptimizerChoice Momentum(double learningRate) => new(OptimizerKind.Momentum, learningRate);

    /// <summary>Adam with β₁ = 0.9, β₂ = 0.999.</summary>
    public static OptimizerChoice Adam(double learningRate) => new(OptimizerKind.Adam, learningRate);

    /// <summary>A new optimizer with these settings.</summary>
    public Optimizer Create() => OptimizerFactory.Create(Kind, LearningRate);

    /// <summary>E.g. "SGD η 0.05", "momentum 0.9, η 0.05", "Adam η 0.001".</summary>
    public override string ToString() => Kind switch
    {
        OptimizerKind.Sgd => Invariant($"SGD η {LearningRate}"),
        OptimizerKind.Momentum => Invariant($"SGD + momentum {OptimizerFactory.NamedMomentum}, η {LearningRate}"),
        OptimizerKind.Adam => Invariant($"Adam η {LearningRate}"),
        _ => Invariant($"{OptimizerFactory.NameOf(Kind)} η {LearningRate}"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
