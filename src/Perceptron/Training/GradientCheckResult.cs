using System.Globalization;

namespace Perceptron.Training;

/// <summary>The outcome of <see cref="GradientChecker.Check"/>: the parameter whose two gradients disagree most.</summary>
/// <param name="Parameter">Its index in <see cref="Sequential{T}.Parameters"/> (−1 for a model without parameters).</param>
/// <param name="Analytic">Its gradient from backpropagation.</param>
/// <param name="Numeric">Its gradient by central finite differences.</param>
/// <param name="Excess">How far the disagreement is beyond the tolerance; at most 0 when the check passes (NaN fails).</param>
public sealed record GradientCheckResult(int Parameter, double Analytic, double Numeric, double Excess)
{
    /// <summary>Whether every parameter's two gradients agree within the tolerance.</summary>
    public bool Passed => Excess <= 0;

    /// <summary>A one-line description, e.g. "parameter 7: backpropagation 1.2E-001, finite differences 1.2E-001".</summary>
    /// <returns>The description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Passed ? "passed" : "failed")}; worst parameter {Parameter}: backpropagation {Analytic:E6}, finite differences {Numeric:E6}");
}
