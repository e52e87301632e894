using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Perceptron.Kernels;

// Packing for Gemm.Blocked: copies of A and B laid out in the order the micro-kernel reads them, so its loads
// are sequential, aligned and reused from cache. Transposes happen here, never in caller-visible memory.
internal static unsafe partial class Gemm
{
    /// <summary>Elements the packed A panel may be overwritten past its end (the 16×16 transpose's full-width stores).</summary>
    private const int PackedASlack = 16;

    // Brings into L2 share `share` of `shares` of the A values the next PackA will read. A is the operand read
    // straight from memory in a strided pattern the hardware prefetcher misses; spreading the prefetches over
    // the current panel's tiles hides that latency behind the micro-kernel.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PrefetchA<T>(T* a, int m, int k, bool transposeA, int row, int rows, int pc, int kc, int share, int shares)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        if (transposeA)
        {
            for (int p = share * kc / shares, end = (share + 1) * kc / shares; p < end; p++)
            {
                T* start = a + ((nint)(pc + p) * m) + row;
                Sse.Prefetch1(start);
                Sse.Prefetch1(start + rows - 1);
            }
        }
        else
        {
            for (int i = share * rows / shares, end = (share + 1) * rows / shares; i < end; i++)
            {
                byte* start = (byte*)(a + ((nint)(row + i) * k) + pc);
                for (int offset = 0; offset < kc * sizeof(T); offset += 64)
                {
                    Sse.Prefetch1(start + offset);
                }
            }
        }
    }

    // Ã: for each p, the mr values op(A)[row..row+rows, pc+p]; rows past `rows` are never read.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA<T>(T* a, int m, int k, bool transposeA, int row, int rows, int pc, int kc, T* packed, int mr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (transposeA)
        {
            // A is stored k×m: the values for one p are contiguous.
            T* source = a + ((nint)pc * m) + row;
            for (int p = 0; p < kc; p++, source += m, packed += mr)
            {
                for (int i = 0; i < rows; i++)
                {
                    packed[i] = source[i];
                }
            }
        }
        else
        {
            // A is stored m×k: each row is contiguous along p, so this is a small transpose; 16×16 blocks in
            // registers where AVX-512 allows (about 5× faster than element by element), the rest one by one.
            int p0 = 0;
            if (typeof(T) == typeof(float) && Avx512F.IsSupported && rows <= 16)
            {
                for (; p0 + 16 <= kc; p0 += 16)
                {
                    Transpose16x16((float*)(a + ((nint)row * k) + pc + p0), k, rows, (float*)(packed + (p0 * mr)), mr);
                }
            }

            for (int i = 0; i < rows && p0 < kc; i++)
            {
                T* source = a + ((nint)(row + i) * k) + pc;
                T* destination = packed + i;
                for (int p = p0; p < kc; p++)
                {
                    destination[p * mr] = source[p];
                }
            }
        }
    }

    // B̃: nr-wide micro-panels, each kc×nr (row p holds op(B)[pc+p, col..col+nr]); columns past n are zero.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB<T>(T* b, int n, int k, bool transposeB, int pc, int kc, int column, int columns, T* packed, int nr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < columns; j += nr, packed += kc * nr)
        {
            int width = Math.Min(nr, columns - j);
            if (!transposeB)
            {
                // B is stored k×n: each micro-panel row is a contiguous run of B's row.
                T* source = b + ((nint)pc * n) + column + j;
                for (int p = 0; p < kc; p++, source += n)
                {
                    new Span<T>(source, width).CopyTo(new Span<T>(packed + (p * nr), width));
                    new Span<T>(packed + (p * nr) + width, nr - width).Clear();
                }
            }
            else
            {
                // B is stored n×k: op(B)[p, j] = B[j, p], so this is a transpose; 16×16 blocks in registers
                // where AVX-512 allows, the rest one by one.
                int jj = 0;
                if (typeof(T) == typeof(float) && Avx512F.IsSupported)
                {
                    for (; jj + 16 <= width; jj += 16)
                    {
                        T* source = b + ((nint)(column + j + jj) * k) + pc;
                        int p = 0;
                        for (; p + 16 <= kc; p += 16)
                        {
                            Transpose16x16((float*)(source + p), k, 16, (float*)(packed + (p * nr) + jj), nr);
                        }

                        for (int q = 0; q < 16; q++)
                        {
                            for (int pp = p; pp < kc; pp++)
                            {
                                packed[(pp * nr) + jj + q] = source[((nint)q * k) + pp];
                            }
                        }
                    }
                }

                for (; jj < width; jj++)
                {
                    T* source = b + ((nint)(column + j + jj) * k) + pc;
                    T* destination = packed + jj;
                    for (int p = 0; p < kc; p++)
                    {
                        destination[p * nr] = source[p];
                    }
                }

                for (int p = 0; p < kc && width < nr; p++)
                {
                    new Span<T>(packed + (p * nr) + width, nr - width).Clear();
                }
            }
        }
    }

    // dst[p * dstStride + r] = src[r * srcStride + p] for r < rows ≤ 16 and p < 16: four rounds of AVX-512
    // shuffles (64 in all) instead of 256 scalar loads and stores. Each output row is stored whole, so with
    // dstStride < 16 lanes past `rows` spill into the next row's place: rows are stored in increasing p, each
    // overwriting its predecessor's spill, and the caller leaves PackedASlack elements after the last one.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose16x16(float* src, nint srcStride, int rows, float* dst, nint dstStride)
    {
        // Rows past `rows` repeat the last real one: their lanes are never used and nothing past A is read.
        Vector512<float> r0 = Vector512.Load(src), r1 = Row(1), r2 = Row(2), r3 = Row(3), r4 = Row(4), r5 = Row(5),
            r6 = Row(6), r7 = Row(7), r8 = Row(8), r9 = Row(9), r10 = Row(10), r11 = Row(11), r12 = Row(12),
            r13 = Row(13), r14 = Row(14), r15 = Row(15);

        // Round 1: interleave row pairs. t0 = a0 b0 a1 b1 | a4 b4 a5 b5 | … (per 128-bit lane).
        Vector512<float> t0 = Avx512F.UnpackLow(r0, r1), t1 = Avx512F.UnpackHigh(r0, r1);
        Vector512<float> t2 = Avx512F.UnpackLow(r2, r3), t3 = Avx512F.UnpackHigh(r2, r3);
        Vector512<float> t4 = Avx512F.UnpackLow(r4, r5), t5 = Avx512F.UnpackHigh(r4, r5);
        Vector512<float> t6 = Avx512F.UnpackLow(r6, r7), t7 = Avx512F.UnpackHigh(r6, r7);
        Vector512<float> t8 = Avx512F.UnpackLow(r8, r9), t9 = Avx512F.UnpackHigh(r8, r9);
        Vector512<float> t10 = Avx512F.UnpackLow(r10, r11), t11 = Avx512F.UnpackHigh(r10, r11);
        Vector512<float> t12 = Avx512F.UnpackLow(r12, r13), t13 = Avx512F.UnpackHigh(r12, r13);
        Vector512<float> t14 = Avx512F.UnpackLow(r14, r15), t15 = Avx512F.UnpackHigh(r14, r15);

        // Round 2: four rows' column c in each 128-bit lane. u0 = rows 0-3 of columns 0, 4, 8, 12.
        Vector512<float> u0 = Avx512F.Shuffle(t0, t2, 0x44), u1 = Avx512F.Shuffle(t0, t2, 0xEE);
        Vector512<float> u2 = Avx512F.Shuffle(t1, t3, 0x44), u3 = Avx512F.Shuffle(t1, t3, 0xEE);
        Vector512<float> u4 = Avx512F.Shuffle(t4, t6, 0x44), u5 = Avx512F.Shuffle(t4, t6, 0xEE);
        Vector512<float> u6 = Avx512F.Shuffle(t5, t7, 0x44), u7 = Avx512F.Shuffle(t5, t7, 0xEE);
        Vector512<float> u8 = Avx512F.Shuffle(t8, t10, 0x44), u9 = Avx512F.Shuffle(t8, t10, 0xEE);
        Vector512<float> u10 = Avx512F.Shuffle(t9, t11, 0x44), u11 = Avx512F.Shuffle(t9, t11, 0xEE);
        Vector512<float> u12 = Avx512F.Shuffle(t12, t14, 0x44), u13 = Avx512F.Shuffle(t12, t14, 0xEE);
        Vector512<float> u14 = Avx512F.Shuffle(t13, t15, 0x44), u15 = Avx512F.Shuffle(t13, t15, 0xEE);

        // Round 3: pair up 128-bit lanes of rows 0-3 with rows 4-7 (and 8-11 with 12-15).
        // v0 = [rows 0-3, rows 4-7] of columns 0 and 8; v1 = the same of columns 4 and 12.
        Vector512<float> v0 = Avx512F.Shuffle4x128(u0, u4, 0x88), v1 = Avx512F.Shuffle4x128(u0, u4, 0xDD);
        Vector512<float> v2 = Avx512F.Shuffle4x128(u1, u5, 0x88), v3 = Avx512F.Shuffle4x128(u1, u5, 0xDD);
        Vector512<float> v4 = Avx512F.Shuffle4x128(u2, u6, 0x88), v5 = Avx512F.Shuffle4x128(u2, u6, 0xDD);
        Vector512<float> v6 = Avx512F.Shuffle4x128(u3, u7, 0x88), v7 = Avx512F.Shuffle4x128(u3, u7, 0xDD);
        Vector512<float> v8 = Avx512F.Shuffle4x128(u8, u12, 0x88), v9 = Avx512F.Shuffle4x128(u8, u12, 0xDD);
        Vector512<float> v10 = Avx512F.Shuffle4x128(u9, u13, 0x88), v11 = Avx512F.Shuffle4x128(u9, u13, 0xDD);
        Vector512<float> v12 = Avx512F.Shuffle4x128(u10, u14, 0x88), v13 = Avx512F.Shuffle4x128(u10, u14, 0xDD);
        Vector512<float> v14 = Avx512F.Shuffle4x128(u11, u15, 0x88), v15 = Avx512F.Shuffle4x128(u11, u15, 0xDD);

        // Round 4: whole columns, stored in increasing p (see above for why the order matters).
        Avx512F.Shuffle4x128(v0, v8, 0x88).Store(dst);
        Avx512F.Shuffle4x128(v2, v10, 0x88).Store(dst + dstStride);
        Avx512F.Shuffle4x128(v4, v12, 0x88).Store(dst + (2 * dstStride));
        Avx512F.Shuffle4x128(v6, v14, 0x88).Store(dst + (3 * dstStride));
        Avx512F.Shuffle4x128(v1, v9, 0x88).Store(dst + (4 * dstStride));
        Avx512F.Shuffle4x128(v3, v11, 0x88).Store(dst + (5 * dstStride));
        Avx512F.Shuffle4x128(v5, v13, 0x88).Store(dst + (6 * dstStride));
        Avx512F.Shuffle4x128(v7, v15, 0x88).Store(dst + (7 * dstStride));
        Avx512F.Shuffle4x128(v0, v8, 0xDD).Store(dst + (8 * dstStride));
        Avx512F.Shuffle4x128(v2, v10, 0xDD).Store(dst + (9 * dstStride));
        Avx512F.Shuffle4x128(v4, v12, 0xDD).Store(dst + (10 * dstStride));
        Avx512F.Shuffle4x128(v6, v14, 0xDD).Store(dst + (11 * dstStride));
        Avx512F.Shuffle4x128(v1, v9, 0xDD).Store(dst + (12 * dstStride));
        Avx512F.Shuffle4x128(v3, v11, 0xDD).Store(dst + (13 * dstStride));
        Avx512F.Shuffle4x128(v5, v13, 0xDD).Store(dst + (14 * dstStride));
        Avx512F.Shuffle4x128(v7, v15, 0xDD).Store(dst + (15 * dstStride));

        Vector512<float> Row(int r) => Vector512.Load(src + (Math.Min(r, rows - 1) * srcStride));
    }
}
