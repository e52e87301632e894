namespace Perceptron.Diagnostics;

/// <summary>Settings of <see cref="GradientCheck"/>; the defaults suit float64 and losses of order 1.</summary>
public sealed record GradientCheckOptions
{
    /// <summary>The step h of the central difference (f(p + h) − f(p − h)) / 2h: its truncation error is of order h², its rounding error of order ε·|f|/h; 1e-6 balances them in float64.</summary>
    public double Step { get; init; } = 1e-6;

    /// <summary>The largest relative error that passes (see <see cref="TensorCheck.MaxRelativeError"/>).</summary>
    public double RelativeTolerance { get; init; } = 1e-5;

    /// <summary>
    /// The floor of the relative error's denominator: gradients smaller than this are compared absolutely, so that
    /// an element whose true gradient is 0 passes with a difference of rounding size.
    /// </summary>
    public double Floor { get; init; } = 1e-3;

    /// <summary>Check at most this many elements of each tensor, spread evenly (null: every element). Each costs two forward passes.</summary>
    public int? ElementsPerTensor { get; init; }

    /// <summary>The epoch whose dropout masks to use (see <see cref="Training.Sequential{T}.ComputeGradients"/>).</summary>
    public int Epoch { get; init; }
}
