using System.Numerics;

namespace Perceptron.Kernels;

/// <summary>
/// General matrix multiply, the engine's hot kernel: C = op(A)·op(B), or C += op(A)·op(B).
/// </summary>
/// <remarks>
/// All matrices are contiguous and row-major. op(A) is m×k: A is stored m×k, or k×m when
/// <c>transposeA</c> (then op(A) = Aᵀ). op(B) is k×n: B is stored k×n, or n×k when <c>transposeB</c>.
/// C is m×n. Training needs three products: X·W (forward), δ·Wᵀ (transposeB) and Xᵀ·δ (transposeA).
/// Every fast variant must give results identical to <see cref="MultiplyReference{T}"/> up to rounding,
/// and the same bits whatever the thread count (work is split over C's rows and columns, never over k).
/// </remarks>
internal static partial class Gemm
{
    /// <summary>Products with fewer multiply-adds (m·n·k) than this run the reference loops under
    /// <see cref="KernelMode.Auto"/>: packing costs ~150 ns, which the reference beats only below ~50 multiply-adds
    /// (1×1×1: 46 ns vs 167 ns; 3×5×7: 790 ns vs 480 ns, measured on Zen 5).</summary>
    internal const int TinyProduct = 64;

    /// <summary>Multiplies with the fastest variant available; see the class remarks for the layout.</summary>
    public static void Multiply<T>(
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSizes(a.Length, b.Length, c.Length, m, n, k);
        KernelMode mode = KernelSettings.Mode;
        if (mode == KernelMode.Auto)
        {
            mode = (long)m * n * k < TinyProduct ? KernelMode.Reference : KernelRegistry.Best;
        }

        MultiplyUnchecked(mode, KernelSettings.MaxThreads, a, b, c, m, n, k, transposeA, transposeB, accumulate);
    }

    /// <summary>Multiplies with exactly <c>variant</c>, one of <see cref="KernelRegistry.Available"/> (no tiny-product
    /// shortcut), on at most <c>maxThreads</c> ≥ 1 threads: for tests and benchmarks.</summary>
    internal static void Multiply<T>(
        KernelMode variant, int maxThreads, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transposeA, bool transposeB, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSizes(a.Length, b.Length, c.Length, m, n, k);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        if (variant == KernelMode.Auto || !KernelRegistry.IsAvailable(variant))
        {
            throw new ArgumentOutOfRangeException(nameof(variant), variant, $"Pick one of {string.Join(", ", KernelRegistry.Available)}.");
        }

        MultiplyUnchecked(variant, maxThreads, a, b, c, m, n, k, transposeA, transposeB, accumulate);
    }

    private static void MultiplyUnchecked<T>(
        KernelMode variant, int maxThreads, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transposeA, bool transposeB, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (variant == KernelMode.Reference)
        {
            MultiplyReference(a, b, c, m, n, k, transposeA, transposeB, accumulate);
        }
        else if (UsesRowStreaming(m, transposeB))
        {
            MultiplyRowStreaming(a, b, c, m, n, k, transposeA, accumulate, variant, maxThreads);
        }
        else
        {
            MultiplyBlocked(a, b, c, m, n, k, transposeA, transposeB, accumulate, variant, maxThreads);
        }
    }

    private static void CheckSizes(int aLength, int bLength, int cLength, int m, int n, int k)
    {
        if (m < 0 || n < 0 || k < 0 || aLength < (long)m * k || bLength < (long)k * n || cLength < (long)m * n)
        {
            throw new ArgumentException($"GEMM with m={m}, n={n}, k={k} needs |A| ≥ {(long)m * k}, |B| ≥ {(long)k * n}, |C| ≥ {(long)m * n}; got {aLength}, {bLength}, {cLength}.");
        }
    }
}
