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

    /// <summary>Relative bound for the engine against PyTorch, both in float32 (Fixtures/torch_reference.json).
    /// The two compute the same formulas in a different summation order (our GEMM kernel against MKL/OpenBLAS,
    /// the loss reduced in double against float32), so they differ by a few ulps (ε = 6e-8) per operation;
    /// through three layers and 20 optimizer steps that grows to at most 3e-6 (measured over all 24 cases).
    /// A formula difference moves results by 1e-3 or more: AdamW with coupled instead of decoupled decay is
    /// off by 2e-2 after one step, a missing factor 2 in the L2 gradient by ~λ·|w| = 5e-3.</summary>
    public const double TorchFloat32Relative = 1e-4;

    /// <summary>Absolute floor for the same comparison, for values near 0 where a relative bound means nothing:
    /// the rounding of a sum of O(1) float32 terms is ~1e-7, and a gradient that cancels to ~1e-6 keeps that
    /// absolute error, not a relative one.</summary>
    public const double TorchFloat32Absolute = 1e-6;
    /// <summary>Float32 GEMM against the float32 reference, relative to Σ|a||b| and multiplied by √k: both sum k
    /// products in different orders (blocked and fused vs plain), and float32 rounding (ε ≈ 6e-8) grows like
    /// √k for random signs and at worst like k; 1e-5·√k stays above the worst case for k up to ~20,000.</summary>
    public const double GemmFloat32PerSqrtK = 1e-5;

    /// <summary>Float64 GEMM against the float64 reference, relative to Σ|a||b|: the worst-case bound k·ε
    /// (ε ≈ 1.1e-16) is 1.2e-13 at k = 1,100, the largest k the tests use.</summary>
    public const double GemmFloat64 = 1e-12;
}
