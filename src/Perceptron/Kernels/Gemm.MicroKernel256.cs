using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Perceptron.Kernels;

/// <summary>The Vector256 micro-kernel: a 6×2-vector register tile (6×16 floats, 6×8 doubles).</summary>
/// <remarks>
/// 12 accumulators + 2 B vectors + 1 broadcast fit the 16 ymm registers of AVX2-only processors (the
/// classic Haswell tile). Identical in result, element by element, to a loop of fused multiply-adds over p
/// in order; see <see cref="IGemmMicroKernel{T}"/>.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
internal readonly unsafe struct MicroKernel256<T> : IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Rows = 6;

    /// <inheritdoc/>
    public static int Mr => Rows;

    /// <inheritdoc/>
    public static int Nr => 2 * Vector256<T>.Count;

    /// <inheritdoc/>
    public static void Multiply(int rows, int kc, T* a, T* b, int ldb, T* c, int ldc, bool loadC)
    {
        switch (rows)
        {
            case 6: Tile<Rows6>(kc, a, b, ldb, c, ldc, loadC); break;
            case 5: Tile<Rows5>(kc, a, b, ldb, c, ldc, loadC); break;
            case 4: Tile<Rows4>(kc, a, b, ldb, c, ldc, loadC); break;
            case 3: Tile<Rows3>(kc, a, b, ldb, c, ldc, loadC); break;
            case 2: Tile<Rows2>(kc, a, b, ldb, c, ldc, loadC); break;
            case 1: Tile<Rows1>(kc, a, b, ldb, c, ldc, loadC); break;
            default: throw new ArgumentOutOfRangeException(nameof(rows));
        }
    }

    // One body for every row count: TRows.Count is a JIT-time constant, so the `if`s below fold away and only
    // the live accumulators stay in registers. The body must not call non-inlined methods (register spills).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TRows>(int kc, T* a, T* b, int ldb, T* c, int ldc, bool loadC)
        where TRows : struct, IRowCount
    {
        int lanes = Vector256<T>.Count;
        Vector256<T> c0a = default, c0b = default;
        Vector256<T> c1a = default, c1b = default;
        Vector256<T> c2a = default, c2b = default;
        Vector256<T> c3a = default, c3b = default;
        Vector256<T> c4a = default, c4b = default;
        Vector256<T> c5a = default, c5b = default;

        // Fetch the C tile now and add it after the loop: its cache misses then overlap the FMAs instead of
        // stalling them (C is the one operand that is not packed, and each tile is visited once per kc block).
        if (Sse.IsSupported)
        {
            for (int r = 0; r < TRows.Count; r++)
            {
                Sse.Prefetch0(c + (r * ldc));
                Sse.Prefetch0(c + (r * ldc) + lanes);
                Sse.Prefetch0(c + (r * ldc) + (2 * lanes) - 1);
            }
        }

        for (; kc > 0; kc--)
        {
            Vector256<T> b0 = Vector256.Load(b), b1 = Vector256.Load(b + lanes);
            Vector256<T> ai = Vector256.Create(a[0]);
            c0a = Fma(ai, b0, c0a); c0b = Fma(ai, b1, c0b);
            if (TRows.Count > 1) { ai = Vector256.Create(a[1]); c1a = Fma(ai, b0, c1a); c1b = Fma(ai, b1, c1b); }
            if (TRows.Count > 2) { ai = Vector256.Create(a[2]); c2a = Fma(ai, b0, c2a); c2b = Fma(ai, b1, c2b); }
            if (TRows.Count > 3) { ai = Vector256.Create(a[3]); c3a = Fma(ai, b0, c3a); c3b = Fma(ai, b1, c3b); }
            if (TRows.Count > 4) { ai = Vector256.Create(a[4]); c4a = Fma(ai, b0, c4a); c4b = Fma(ai, b1, c4b); }
            if (TRows.Count > 5) { ai = Vector256.Create(a[5]); c5a = Fma(ai, b0, c5a); c5b = Fma(ai, b1, c5b); }
            a += Rows;
            b += ldb;
        }

        if (loadC)
        {
            c0a += Vector256.Load(c); c0b += Vector256.Load(c + lanes);
            if (TRows.Count > 1) { c1a += Vector256.Load(c + 1 * ldc); c1b += Vector256.Load(c + 1 * ldc + lanes); }
            if (TRows.Count > 2) { c2a += Vector256.Load(c + 2 * ldc); c2b += Vector256.Load(c + 2 * ldc + lanes); }
            if (TRows.Count > 3) { c3a += Vector256.Load(c + 3 * ldc); c3b += Vector256.Load(c + 3 * ldc + lanes); }
            if (TRows.Count > 4) { c4a += Vector256.Load(c + 4 * ldc); c4b += Vector256.Load(c + 4 * ldc + lanes); }
            if (TRows.Count > 5) { c5a += Vector256.Load(c + 5 * ldc); c5b += Vector256.Load(c + 5 * ldc + lanes); }
        }

        c0a.Store(c); c0b.Store(c + lanes);
        if (TRows.Count > 1) { c1a.Store(c + 1 * ldc); c1b.Store(c + 1 * ldc + lanes); }
        if (TRows.Count > 2) { c2a.Store(c + 2 * ldc); c2b.Store(c + 2 * ldc + lanes); }
        if (TRows.Count > 3) { c3a.Store(c + 3 * ldc); c3b.Store(c + 3 * ldc + lanes); }
        if (TRows.Count > 4) { c4a.Store(c + 4 * ldc); c4b.Store(c + 4 * ldc + lanes); }
        if (TRows.Count > 5) { c5a.Store(c + 5 * ldc); c5b.Store(c + 5 * ldc + lanes); }
    }

    // a·b + c in one rounding; the typeof tests are JIT-time constants, so only one line survives.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
    }
}
