namespace Perceptron.Kernels;

/// <summary>Which implementation the engine's hot kernels (matrix multiply) use.</summary>
/// <remarks>
/// Every mode computes the same products; they differ only in speed and in rounding (the order in which a
/// dot product is summed). Forcing a mode is for testing, benchmarking and working around a suspected
/// kernel bug: <see cref="Auto"/> picks the fastest variant this machine supports.
/// </remarks>
public enum KernelMode
{
    /// <summary>The fastest variant this machine supports; tiny products may use the plain loops.</summary>
    Auto,

    /// <summary>The plain-loop reference kernels: slow, simple, the oracle the fast kernels are tested against.</summary>
    Reference,

    /// <summary>The blocked kernels with 256-bit vectors (AVX2 + FMA).</summary>
    Vector256,

    /// <summary>The blocked kernels with 512-bit vectors (AVX-512).</summary>
    Vector512,

    /// <summary>The blocked kernels with 128-bit vectors and fused multiply-add (ARM64's AdvSimd, or x64 with FMA):
    /// the fastest variant where 256-bit vectors are not hardware-accelerated.</summary>
    Vector128,
}
