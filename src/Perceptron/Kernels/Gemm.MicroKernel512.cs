using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Perceptron.Kernels;

/// <summary>The Vector512 micro-kernel: a 14×2-vector register tile (14×32 floats, 14×16 doubles).</summary>
/// <remarks>
/// 28 accumulators + 2 B vectors + 1 broadcast use 31 of AVX-512's 32 registers (the JIT keeps them all there,
/// no spills). Each p costs 2 loads, 14 broadcasts and 28 independent FMAs: far more chains in flight than the
/// 8-12 needed to hide the 4-cycle FMA latency, whether the core issues one 512-bit FMA per cycle (Zen 4, two
/// 256-bit halves) or two (Zen 5). 14 rows measured a few percent faster than 12. Identical in result, element
/// by element, to a loop of fused multiply-adds over p in order; see <see cref="IGemmMicroKernel{T}"/>.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
internal readonly unsafe struct MicroKernel512<T> : IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Rows = 14;

    /// <inheritdoc/>
    public static int Mr => Rows;

    /// <inheritdoc/>
    public static int Nr => 2 * Vector512<T>.Count;

    /// <inheritdoc/>
    public static void Multiply(int rows, int kc, T* a, T* b, int ldb, T* c, int ldc, bool loadC)
    {
        switch (rows)
        {
            case 14: Tile<Rows14>(kc, a, b, ldb, c, ldc, loadC); break;
            case 13: Tile<Rows13>(kc, a, b, ldb, c, ldc, loadC); break;
            case 12: Tile<Rows12>(kc, a, b, ldb, c, ldc, loadC); break;
            case 11: Tile<Rows11>(kc, a, b, ldb, c, ldc, loadC); break;
            case 10: Tile<Rows10>(kc, a, b, ldb, c, ldc, loadC); break;
            case 9: Tile<Rows9>(kc, a, b, ldb, c, ldc, loadC); break;
            case 8: Tile<Rows8>(kc, a, b, ldb, c, ldc, loadC); break;
            case 7: Tile<Rows7>(kc, a, b, ldb, c, ldc, loadC); break;
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
        int lanes = Vector512<T>.Count;
        Vector512<T> c0a = default, c0b = default;
        Vector512<T> c1a = default, c1b = default;
        Vector512<T> c2a = default, c2b = default;
        Vector512<T> c3a = default, c3b = default;
        Vector512<T> c4a = default, c4b = default;
        Vector512<T> c5a = default, c5b = default;
        Vector512<T> c6a = default, c6b = default;
        Vector512<T> c7a = default, c7b = default;
        Vector512<T> c8a = default, c8b = default;
        Vector512<T> c9a = default, c9b = default;
        Vector512<T> c10a = default, c10b = default;
        Vector512<T> c11a = default, c11b = default;
        Vector512<T> c12a = default, c12b = default;
        Vector512<T> c13a = default, c13b = default;

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
            Vector512<T> b0 = Vector512.Load(b), b1 = Vector512.Load(b + lanes);
            Vector512<T> ai = Vector512.Create(a[0]);
            c0a = Fma(ai, b0, c0a); c0b = Fma(ai, b1, c0b);
            if (TRows.Count > 1) { ai = Vector512.Create(a[1]); c1a = Fma(ai, b0, c1a); c1b = Fma(ai, b1, c1b); }
            if (TRows.Count > 2) { ai = Vector512.Create(a[2]); c2a = Fma(ai, b0, c2a); c2b = Fma(ai, b1, c2b); }
            if (TRows.Count > 3) { ai = Vector512.Create(a[3]); c3a = Fma(ai, b0, c3a); c3b = Fma(ai, b1, c3b); }
            if (TRows.Count > 4) { ai = Vector512.Create(a[4]); c4a = Fma(ai, b0, c4a); c4b = Fma(ai, b1, c4b); }
            if (TRows.Count > 5) { ai = Vector512.Create(a[5]); c5a = Fma(ai, b0, c5a); c5b = Fma(ai, b1, c5b); }
            if (TRows.Count > 6) { ai = Vector512.Create(a[6]); c6a = Fma(ai, b0, c6a); c6b = Fma(ai, b1, c6b); }
            if (TRows.Count > 7) { ai = Vector512.Create(a[7]); c7a = Fma(ai, b0, c7a); c7b = Fma(ai, b1, c7b); }
            if (TRows.Count > 8) { ai = Vector512.Create(a[8]); c8a = Fma(ai, b0, c8a); c8b = Fma(ai, b1, c8b); }
            if (TRows.Count > 9) { ai = Vector512.Create(a[9]); c9a = Fma(ai, b0, c9a); c9b = Fma(ai, b1, c9b); }
            if (TRows.Count > 10) { ai = Vector512.Create(a[10]); c10a = Fma(ai, b0, c10a); c10b = Fma(ai, b1, c10b); }
            if (TRows.Count > 11) { ai = Vector512.Create(a[11]); c11a = Fma(ai, b0, c11a); c11b = Fma(ai, b1, c11b); }
            if (TRows.Count > 12) { ai = Vector512.Create(a[12]); c12a = Fma(ai, b0, c12a); c12b = Fma(ai, b1, c12b); }
            if (TRows.Count > 13) { ai = Vector512.Create(a[13]); c13a = Fma(ai, b0, c13a); c13b = Fma(ai, b1, c13b); }
            a += Rows;
            b += ldb;
        }

        if (loadC)
        {
            c0a += Vector512.Load(c); c0b += Vector512.Load(c + lanes);
            if (TRows.Count > 1) { c1a += Vector512.Load(c + 1 * ldc); c1b += Vector512.Load(c + 1 * ldc + lanes); }
            if (TRows.Count > 2) { c2a += Vector512.Load(c + 2 * ldc); c2b += Vector512.Load(c + 2 * ldc + lanes); }
            if (TRows.Count > 3) { c3a += Vector512.Load(c + 3 * ldc); c3b += Vector512.Load(c + 3 * ldc + lanes); }
            if (TRows.Count > 4) { c4a += Vector512.Load(c + 4 * ldc); c4b += Vector512.Load(c + 4 * ldc + lanes); }
            if (TRows.Count > 5) { c5a += Vector512.Load(c + 5 * ldc); c5b += Vector512.Load(c + 5 * ldc + lanes); }
            if (TRows.Count > 6) { c6a += Vector512.Load(c + 6 * ldc); c6b += Vector512.Load(c + 6 * ldc + lanes); }
            if (TRows.Count > 7) { c7a += Vector512.Load(c + 7 * ldc); c7b += Vector512.Load(c + 7 * ldc + lanes); }
            if (TRows.Count > 8) { c8a += Vector512.Load(c + 8 * ldc); c8b += Vector512.Load(c + 8 * ldc + lanes); }
            if (TRows.Count > 9) { c9a += Vector512.Load(c + 9 * ldc); c9b += Vector512.Load(c + 9 * ldc + lanes); }
            if (TRows.Count > 10) { c10a += Vector512.Load(c + 10 * ldc); c10b += Vector512.Load(c + 10 * ldc + lanes); }
            if (TRows.Count > 11) { c11a += Vector512.Load(c + 11 * ldc); c11b += Vector512.Load(c + 11 * ldc + lanes); }
            if (TRows.Count > 12) { c12a += Vector512.Load(c + 12 * ldc); c12b += Vector512.Load(c + 12 * ldc + lanes); }
            if (TRows.Count > 13) { c13a += Vector512.Load(c + 13 * ldc); c13b += Vector512.Load(c + 13 * ldc + lanes); }
        }

        c0a.Store(c); c0b.Store(c + lanes);
        if (TRows.Count > 1) { c1a.Store(c + 1 * ldc); c1b.Store(c + 1 * ldc + lanes); }
        if (TRows.Count > 2) { c2a.Store(c + 2 * ldc); c2b.Store(c + 2 * ldc + lanes); }
        if (TRows.Count > 3) { c3a.Store(c + 3 * ldc); c3b.Store(c + 3 * ldc + lanes); }
        if (TRows.Count > 4) { c4a.Store(c + 4 * ldc); c4b.Store(c + 4 * ldc + lanes); }
        if (TRows.Count > 5) { c5a.Store(c + 5 * ldc); c5b.Store(c + 5 * ldc + lanes); }
        if (TRows.Count > 6) { c6a.Store(c + 6 * ldc); c6b.Store(c + 6 * ldc + lanes); }
        if (TRows.Count > 7) { c7a.Store(c + 7 * ldc); c7b.Store(c + 7 * ldc + lanes); }
        if (TRows.Count > 8) { c8a.Store(c + 8 * ldc); c8b.Store(c + 8 * ldc + lanes); }
        if (TRows.Count > 9) { c9a.Store(c + 9 * ldc); c9b.Store(c + 9 * ldc + lanes); }
        if (TRows.Count > 10) { c10a.Store(c + 10 * ldc); c10b.Store(c + 10 * ldc + lanes); }
        if (TRows.Count > 11) { c11a.Store(c + 11 * ldc); c11b.Store(c + 11 * ldc + lanes); }
        if (TRows.Count > 12) { c12a.Store(c + 12 * ldc); c12b.Store(c + 12 * ldc + lanes); }
        if (TRows.Count > 13) { c13a.Store(c + 13 * ldc); c13b.Store(c + 13 * ldc + lanes); }
    }

    // a·b + c in one rounding; the typeof tests are JIT-time constants, so only one line survives.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
    }
}
