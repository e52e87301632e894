using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Perceptron.Kernels;

/// <summary>The Vector512 row-streaming kernel (see <see cref="Gemm"/>'s <c>MultiplyRowStreaming</c>): up to 4 rows of C
/// against B read in place, row by row, 8 vectors of columns at a time.</summary>
/// <remarks>
/// Each step p broadcasts op(A)[i, p] for the strip's rows and issues one FMA per row and vector of B's row p, so
/// a strip of R rows × V vectors keeps R·V independent chains in flight (8 to 24, enough to hide the FMA latency;
/// 1 row × 8 vectors is the single-sample case). Every element of C gets exactly the arithmetic of
/// <see cref="IGemmMicroKernel{T}"/>: a sum from zero with one fused multiply-add per p in order, then one
/// addition of C's value when loadC. So results are bit-identical to the blocked GEMM's.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
internal readonly unsafe struct RowStreaming512<T> : IRowStreamingKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static int Lanes => Vector512<T>.Count;

    /// <inheritdoc/>
    public static void Multiply(int rows, int kc, T* a, nint rowStride, nint pStride, T* b, nint ldb, T* c, nint ldc, int vectors, bool loadC)
    {
        switch (rows)
        {
            case 1: Row<Rows1, Rows8>(kc, a, rowStride, pStride, b, ldb, c, ldc, vectors, loadC); break;
            case 2: Row<Rows2, Rows8>(kc, a, rowStride, pStride, b, ldb, c, ldc, vectors, loadC); break;
            case 3: Row<Rows3, Rows8>(kc, a, rowStride, pStride, b, ldb, c, ldc, vectors, loadC); break;
            case 4: Row<Rows4, Rows4>(kc, a, rowStride, pStride, b, ldb, c, ldc, vectors, loadC); break;
            default: throw new ArgumentOutOfRangeException(nameof(rows));
        }
    }

    // `vectors` whole vectors of columns: strips of TWidest vectors, then one of 4, 2 and 1 for the rest.
    private static void Row<TRows, TWidest>(int kc, T* a, nint rowStride, nint pStride, T* b, nint ldb, T* c, nint ldc, int vectors, bool loadC)
        where TRows : struct, IRowCount
        where TWidest : struct, IRowCount
    {
        int lanes = Vector512<T>.Count, v = 0;
        for (; v + TWidest.Count <= vectors; v += TWidest.Count)
        {
            Strip<TRows, TWidest>(kc, a, rowStride, pStride, b + (v * lanes), ldb, c + (v * lanes), ldc, loadC);
        }

        if (TWidest.Count > 4 && v + 4 <= vectors)
        {
            Strip<TRows, Rows4>(kc, a, rowStride, pStride, b + (v * lanes), ldb, c + (v * lanes), ldc, loadC);
            v += 4;
        }

        if (v + 2 <= vectors)
        {
            Strip<TRows, Rows2>(kc, a, rowStride, pStride, b + (v * lanes), ldb, c + (v * lanes), ldc, loadC);
            v += 2;
        }

        if (v < vectors)
        {
            Strip<TRows, Rows1>(kc, a, rowStride, pStride, b + (v * lanes), ldb, c + (v * lanes), ldc, loadC);
        }
    }

    // One body for every strip shape: TRows.Count and TVectors.Count are JIT-time constants, so the `if`s fold
    // away and only the live accumulators stay in registers (at most 24, no spills).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Strip<TRows, TVectors>(int kc, T* a, nint rowStride, nint pStride, T* b, nint ldb, T* c, nint ldc, bool loadC)
        where TRows : struct, IRowCount
        where TVectors : struct, IRowCount
    {
        int lanes = Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c02 = default, c03 = default, c04 = default, c05 = default, c06 = default, c07 = default;
        Vector512<T> c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default, c16 = default, c17 = default;
        Vector512<T> c20 = default, c21 = default, c22 = default, c23 = default, c24 = default, c25 = default, c26 = default, c27 = default;
        Vector512<T> c30 = default, c31 = default, c32 = default, c33 = default, c34 = default, c35 = default, c36 = default, c37 = default;

        for (; kc > 0; kc--)
        {
            Vector512<T> a0 = Vector512.Create(a[0]);
            Vector512<T> a1 = TRows.Count > 1 ? Vector512.Create(a[1 * rowStride]) : default;
            Vector512<T> a2 = TRows.Count > 2 ? Vector512.Create(a[2 * rowStride]) : default;
            Vector512<T> a3 = TRows.Count > 3 ? Vector512.Create(a[3 * rowStride]) : default;
            Vector512<T> bv = Vector512.Load(b); c00 = Fma(a0, bv, c00); if (TRows.Count > 1) { c10 = Fma(a1, bv, c10); } if (TRows.Count > 2) { c20 = Fma(a2, bv, c20); } if (TRows.Count > 3) { c30 = Fma(a3, bv, c30); }
            if (TVectors.Count > 1) { bv = Vector512.Load(b + (1 * lanes)); c01 = Fma(a0, bv, c01); if (TRows.Count > 1) { c11 = Fma(a1, bv, c11); } if (TRows.Count > 2) { c21 = Fma(a2, bv, c21); } if (TRows.Count > 3) { c31 = Fma(a3, bv, c31); } }
            if (TVectors.Count > 2) { bv = Vector512.Load(b + (2 * lanes)); c02 = Fma(a0, bv, c02); if (TRows.Count > 1) { c12 = Fma(a1, bv, c12); } if (TRows.Count > 2) { c22 = Fma(a2, bv, c22); } if (TRows.Count > 3) { c32 = Fma(a3, bv, c32); } }
            if (TVectors.Count > 3) { bv = Vector512.Load(b + (3 * lanes)); c03 = Fma(a0, bv, c03); if (TRows.Count > 1) { c13 = Fma(a1, bv, c13); } if (TRows.Count > 2) { c23 = Fma(a2, bv, c23); } if (TRows.Count > 3) { c33 = Fma(a3, bv, c33); } }
            if (TVectors.Count > 4) { bv = Vector512.Load(b + (4 * lanes)); c04 = Fma(a0, bv, c04); if (TRows.Count > 1) { c14 = Fma(a1, bv, c14); } if (TRows.Count > 2) { c24 = Fma(a2, bv, c24); } if (TRows.Count > 3) { c34 = Fma(a3, bv, c34); } }
            if (TVectors.Count > 5) { bv = Vector512.Load(b + (5 * lanes)); c05 = Fma(a0, bv, c05); if (TRows.Count > 1) { c15 = Fma(a1, bv, c15); } if (TRows.Count > 2) { c25 = Fma(a2, bv, c25); } if (TRows.Count > 3) { c35 = Fma(a3, bv, c35); } }
            if (TVectors.Count > 6) { bv = Vector512.Load(b + (6 * lanes)); c06 = Fma(a0, bv, c06); if (TRows.Count > 1) { c16 = Fma(a1, bv, c16); } if (TRows.Count > 2) { c26 = Fma(a2, bv, c26); } if (TRows.Count > 3) { c36 = Fma(a3, bv, c36); } }
            if (TVectors.Count > 7) { bv = Vector512.Load(b + (7 * lanes)); c07 = Fma(a0, bv, c07); if (TRows.Count > 1) { c17 = Fma(a1, bv, c17); } if (TRows.Count > 2) { c27 = Fma(a2, bv, c27); } if (TRows.Count > 3) { c37 = Fma(a3, bv, c37); } }
            a += pStride;
            b += ldb;
        }

        if (loadC)
        {
            c00 += Vector512.Load(c);
            if (TVectors.Count > 1) { c01 += Vector512.Load(c + (1 * lanes)); }
            if (TVectors.Count > 2) { c02 += Vector512.Load(c + (2 * lanes)); }
            if (TVectors.Count > 3) { c03 += Vector512.Load(c + (3 * lanes)); }
            if (TVectors.Count > 4) { c04 += Vector512.Load(c + (4 * lanes)); }
            if (TVectors.Count > 5) { c05 += Vector512.Load(c + (5 * lanes)); }
            if (TVectors.Count > 6) { c06 += Vector512.Load(c + (6 * lanes)); }
            if (TVectors.Count > 7) { c07 += Vector512.Load(c + (7 * lanes)); }
            if (TRows.Count > 1) { c10 += Vector512.Load(c + (1 * ldc)); }
            if (TRows.Count > 1 && TVectors.Count > 1) { c11 += Vector512.Load(c + (1 * ldc) + (1 * lanes)); }
            if (TRows.Count > 1 && TVectors.Count > 2) { c12 += Vector512.Load(c + (1 * ldc) + (2 * lanes)); }
            if (TRows.Count > 1 && TVectors.Count > 3) { c13 += Vector512.Load(c + (1 * ldc) + (3 * lanes)); }
            if (TRows.Count > 1 && TVectors.Count > 4) { c14 += Vector512.Load(c + (1 * ldc) + (4 * lanes)); }
            if (TRows.Count > 1 && TVectors.Count > 5) { c15 += Vector512.Load(c + (1 * ldc) + (5 * lanes)); }
            if (TRows.Count > 1 && TVectors.Count > 6) { c16 += Vector512.Load(c + (1 * ldc) + (6 * lanes)); }
            if (TRows.Count > 1 && TVectors.Count > 7) { c17 += Vector512.Load(c + (1 * ldc) + (7 * lanes)); }
            if (TRows.Count > 2) { c20 += Vector512.Load(c + (2 * ldc)); }
            if (TRows.Count > 2 && TVectors.Count > 1) { c21 += Vector512.Load(c + (2 * ldc) + (1 * lanes)); }
            if (TRows.Count > 2 && TVectors.Count > 2) { c22 += Vector512.Load(c + (2 * ldc) + (2 * lanes)); }
            if (TRows.Count > 2 && TVectors.Count > 3) { c23 += Vector512.Load(c + (2 * ldc) + (3 * lanes)); }
            if (TRows.Count > 2 && TVectors.Count > 4) { c24 += Vector512.Load(c + (2 * ldc) + (4 * lanes)); }
            if (TRows.Count > 2 && TVectors.Count > 5) { c25 += Vector512.Load(c + (2 * ldc) + (5 * lanes)); }
            if (TRows.Count > 2 && TVectors.Count > 6) { c26 += Vector512.Load(c + (2 * ldc) + (6 * lanes)); }
            if (TRows.Count > 2 && TVectors.Count > 7) { c27 += Vector512.Load(c + (2 * ldc) + (7 * lanes)); }
            if (TRows.Count > 3) { c30 += Vector512.Load(c + (3 * ldc)); }
            if (TRows.Count > 3 && TVectors.Count > 1) { c31 += Vector512.Load(c + (3 * ldc) + (1 * lanes)); }
            if (TRows.Count > 3 && TVectors.Count > 2) { c32 += Vector512.Load(c + (3 * ldc) + (2 * lanes)); }
            if (TRows.Count > 3 && TVectors.Count > 3) { c33 += Vector512.Load(c + (3 * ldc) + (3 * lanes)); }
            if (TRows.Count > 3 && TVectors.Count > 4) { c34 += Vector512.Load(c + (3 * ldc) + (4 * lanes)); }
            if (TRows.Count > 3 && TVectors.Count > 5) { c35 += Vector512.Load(c + (3 * ldc) + (5 * lanes)); }
            if (TRows.Count > 3 && TVectors.Count > 6) { c36 += Vector512.Load(c + (3 * ldc) + (6 * lanes)); }
            if (TRows.Count > 3 && TVectors.Count > 7) { c37 += Vector512.Load(c + (3 * ldc) + (7 * lanes)); }
        }

        c00.Store(c);
        if (TVectors.Count > 1) { c01.Store(c + (1 * lanes)); }
        if (TVectors.Count > 2) { c02.Store(c + (2 * lanes)); }
        if (TVectors.Count > 3) { c03.Store(c + (3 * lanes)); }
        if (TVectors.Count > 4) { c04.Store(c + (4 * lanes)); }
        if (TVectors.Count > 5) { c05.Store(c + (5 * lanes)); }
        if (TVectors.Count > 6) { c06.Store(c + (6 * lanes)); }
        if (TVectors.Count > 7) { c07.Store(c + (7 * lanes)); }
        if (TRows.Count > 1) { c10.Store(c + (1 * ldc)); }
        if (TRows.Count > 1 && TVectors.Count > 1) { c11.Store(c + (1 * ldc) + (1 * lanes)); }
        if (TRows.Count > 1 && TVectors.Count > 2) { c12.Store(c + (1 * ldc) + (2 * lanes)); }
        if (TRows.Count > 1 && TVectors.Count > 3) { c13.Store(c + (1 * ldc) + (3 * lanes)); }
        if (TRows.Count > 1 && TVectors.Count > 4) { c14.Store(c + (1 * ldc) + (4 * lanes)); }
        if (TRows.Count > 1 && TVectors.Count > 5) { c15.Store(c + (1 * ldc) + (5 * lanes)); }
        if (TRows.Count > 1 && TVectors.Count > 6) { c16.Store(c + (1 * ldc) + (6 * lanes)); }
        if (TRows.Count > 1 && TVectors.Count > 7) { c17.Store(c + (1 * ldc) + (7 * lanes)); }
        if (TRows.Count > 2) { c20.Store(c + (2 * ldc)); }
        if (TRows.Count > 2 && TVectors.Count > 1) { c21.Store(c + (2 * ldc) + (1 * lanes)); }
        if (TRows.Count > 2 && TVectors.Count > 2) { c22.Store(c + (2 * ldc) + (2 * lanes)); }
        if (TRows.Count > 2 && TVectors.Count > 3) { c23.Store(c + (2 * ldc) + (3 * lanes)); }
        if (TRows.Count > 2 && TVectors.Count > 4) { c24.Store(c + (2 * ldc) + (4 * lanes)); }
        if (TRows.Count > 2 && TVectors.Count > 5) { c25.Store(c + (2 * ldc) + (5 * lanes)); }
        if (TRows.Count > 2 && TVectors.Count > 6) { c26.Store(c + (2 * ldc) + (6 * lanes)); }
        if (TRows.Count > 2 && TVectors.Count > 7) { c27.Store(c + (2 * ldc) + (7 * lanes)); }
        if (TRows.Count > 3) { c30.Store(c + (3 * ldc)); }
        if (TRows.Count > 3 && TVectors.Count > 1) { c31.Store(c + (3 * ldc) + (1 * lanes)); }
        if (TRows.Count > 3 && TVectors.Count > 2) { c32.Store(c + (3 * ldc) + (2 * lanes)); }
        if (TRows.Count > 3 && TVectors.Count > 3) { c33.Store(c + (3 * ldc) + (3 * lanes)); }
        if (TRows.Count > 3 && TVectors.Count > 4) { c34.Store(c + (3 * ldc) + (4 * lanes)); }
        if (TRows.Count > 3 && TVectors.Count > 5) { c35.Store(c + (3 * ldc) + (5 * lanes)); }
        if (TRows.Count > 3 && TVectors.Count > 6) { c36.Store(c + (3 * ldc) + (6 * lanes)); }
        if (TRows.Count > 3 && TVectors.Count > 7) { c37.Store(c + (3 * ldc) + (7 * lanes)); }
    }

    /// <inheritdoc/>
    public static void MultiplyTail(int rows, int kc, T* a, nint rowStride, nint pStride, T* b, nint ldb, T* c, nint ldc, int columns, bool loadC)
    {
        switch (rows)
        {
            case 1: Tail<Rows1>(kc, a, rowStride, pStride, b, ldb, c, ldc, columns, loadC); break;
            case 2: Tail<Rows2>(kc, a, rowStride, pStride, b, ldb, c, ldc, columns, loadC); break;
            case 3: Tail<Rows3>(kc, a, rowStride, pStride, b, ldb, c, ldc, columns, loadC); break;
            case 4: Tail<Rows4>(kc, a, rowStride, pStride, b, ldb, c, ldc, columns, loadC); break;
            default: throw new ArgumentOutOfRangeException(nameof(rows));
        }
    }

    // The last columns (fewer than a vector): the same chains as a one-vector strip, with B and C read and C
    // written through a mask, so nothing past the columns is touched (masked-off lanes never fault).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tail<TRows>(int kc, T* a, nint rowStride, nint pStride, T* b, nint ldb, T* c, nint ldc, int columns, bool loadC)
        where TRows : struct, IRowCount
    {
        Vector512<T> mask = Vector512.LessThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(columns)));
        Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default;
        for (; kc > 0; kc--)
        {
            Vector512<T> bv = MaskLoad(b, mask);
            c0 = Fma(Vector512.Create(a[0]), bv, c0);
            if (TRows.Count > 1) { c1 = Fma(Vector512.Create(a[rowStride]), bv, c1); }
            if (TRows.Count > 2) { c2 = Fma(Vector512.Create(a[2 * rowStride]), bv, c2); }
            if (TRows.Count > 3) { c3 = Fma(Vector512.Create(a[3 * rowStride]), bv, c3); }
            a += pStride;
            b += ldb;
        }

        if (loadC)
        {
            c0 += MaskLoad(c, mask);
            if (TRows.Count > 1) { c1 += MaskLoad(c + ldc, mask); }
            if (TRows.Count > 2) { c2 += MaskLoad(c + (2 * ldc), mask); }
            if (TRows.Count > 3) { c3 += MaskLoad(c + (3 * ldc), mask); }
        }

        MaskStore(c, mask, c0);
        if (TRows.Count > 1) { MaskStore(c + ldc, mask, c1); }
        if (TRows.Count > 2) { MaskStore(c + (2 * ldc), mask, c2); }
        if (TRows.Count > 3) { MaskStore(c + (3 * ldc), mask, c3); }
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

    // Loads the lanes of `mask` from p, zero elsewhere; lanes outside the mask are never read.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> MaskLoad(T* p, Vector512<T> mask)
    {
        if (typeof(T) == typeof(float))
        {
            return Avx512F.MaskLoad((float*)p, mask.AsSingle(), Vector512<float>.Zero).As<float, T>();
        }

        return Avx512F.MaskLoad((double*)p, mask.AsDouble(), Vector512<double>.Zero).As<double, T>();
    }

    // Stores the lanes of `mask` to p; memory outside the mask is never written.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MaskStore(T* p, Vector512<T> mask, Vector512<T> value)
    {
        if (typeof(T) == typeof(float))
        {
            Avx512F.MaskStore((float*)p, mask.AsSingle(), value.AsSingle());
        }
        else
        {
            Avx512F.MaskStore((double*)p, mask.AsDouble(), value.AsDouble());
        }
    }
}
