namespace Perceptron.Tests.Support;

/// <summary>Named tolerances, each with where its value comes from.</summary>
internal static class Tolerances
{
    /// <summary>Float64 results of the same algorithm computed in a different order: rounding differences
    /// of ~1e-16 per operation, grown over a few hundred updates, stay far below this.</summary>
    public const double SameAlgorithmFloat64 = 1e-12;

    /// <summary>Central differences in float64 with step 1e-6: truncation error ~h² and rounding ~ε/h ≈ 1e-10,
    /// so the relative error of a correct analytic gradient is well below this.</summary>
    public const double FiniteDifferenceFloat64 = 1e-6;
}
