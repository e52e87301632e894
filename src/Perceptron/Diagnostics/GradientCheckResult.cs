namespace Perceptron.Diagnostics;

/// <summary>The outcome of <see cref="GradientCheck.Run(Training.Sequential{double}, Tensors.Matrix{double}, Tensors.Matrix{double}, GradientCheckOptions?)"/>: one entry per parameter tensor.</summary>
/// <param name="Tensors">Every parameter tensor's comparison, in the model's order.</param>
/// <param name="Loss">The objective (data loss + penalty) at the parameters checked.</param>
/// <param name="Options">The step and tolerance used.</param>
public sealed record GradientCheckResult(IReadOnlyList<TensorCheck> Tensors, double Loss, GradientCheckOptions Options)
{
    /// <summary>Whether every tensor passed.</summary>
    public bool Passed => Tensors.All(t => t.Passed);

    /// <summary>The tensor with the largest relative error (null for a model without parameters).</summary>
    public TensorCheck? Worst => Tensors.Count == 0 ? null : Tensors.MaxBy(t => t.MaxRelativeError);

    /// <summary>One line per tensor, failures marked.</summary>
    /// <returns>The report.</returns>
    public override string ToString() => string.Join(Environment.NewLine, Tensors);
}
