using System.Diagnostics;
using System.Numerics;

namespace Perceptron.Kernels;

// Row streaming, the GEMM for a few rows (single-sample inference, small batches): B is read in place, row by
// row, exactly once per group of up to 4 rows of C, with nothing packed. The blocked GEMM's register tile is
// 14 rows × 2 vectors; for one row it keeps only 2 FMA chains in flight (a quarter of the core's rate), and
// it packs A. Here a strip of C's rows × up to 8 vectors of columns stays in registers while B's rows stream
// past it:
//
//   for each group of ≤ 4 rows of C
//     for pc in 0..k, step kc                  the blocked GEMM's kc blocks, so the sums round identically
//       for each strip of ≤ 8 vectors of columns
//         for p in pc..pc+kc                   C[rows, strip] += op(A)[rows, p] · B[p, strip], in registers
//
// Every element of C gets the blocked kernel's arithmetic (per kc block, an FMA chain from zero over p in
// order, then one addition of C), so switching between the two never changes a bit.
internal static unsafe partial class Gemm
{
    /// <summary>Products with at most this many rows of C (and B not transposed) take the row-streaming kernel.
    /// Measured on Zen 5 against the blocked kernel reading B in place; see docs/engine.md.</summary>
    internal const int RowStreamingMaxRows = 4;

    /// <summary>Row-streaming products of at least this many flops (2·m·n·k) are split by columns over the threads, a
    /// quarter of the blocked kernel's <see cref="ThreadingThresholdFlops"/>: few rows make them memory-bound, and each
    /// core then streams only its half of B, from its own cache. 1×784·784×256 (0.4 MFLOP, the first layer of the
    /// 784-256-128-10 model) took 9.2 µs on one thread; the model's single-sample latency fell from 11.8-13.8 µs to
    /// 9.6-11.6 µs on two (a sleeping worker costs little: the caller takes the part itself if the worker is late).</summary>
    internal const double RowStreamingThreadingThresholdFlops = 2.5e5;

    /// <summary>Rows of C one pass over B computes: the row count of the widest strip.</summary>
    private const int RowStreamingGroup = 4;

    /// <summary>The environment variable that, set to <c>off</c> at startup, sends every product through the blocked
    /// kernel instead: results are bit-identical either way, so CI runs the suites both ways to prove it.</summary>
    internal const string RowStreamingVariable = "PERCEPTRON_ROW_STREAMING";

    /// <summary>False when <see cref="RowStreamingVariable"/> is <c>off</c>; a JIT-time constant once read.</summary>
    internal static readonly bool RowStreamingEnabled = !string.Equals(
        Environment.GetEnvironmentVariable(RowStreamingVariable)?.Trim(), "off", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <see cref="MultiplyRowStreaming{T}"/> handles this product: few rows and B not transposed
    /// (δ·Wᵀ keeps the blocked path). Products of any size: a big one (a single sample through a 4096-wide layer)
    /// is memory-bound, and reading each row of B in runs of 8 vectors streams it 1.5-2.5× faster than the blocked
    /// kernel's 2-vector tiles (1×4096×4096 on one thread: 5.6-5.9 ms against 8.2-14.7 ms, loaded Zen 5).</summary>
    internal static bool UsesRowStreaming(int m, bool transposeB)
        => RowStreamingEnabled && m <= RowStreamingMaxRows && !transposeB;

    /// <summary>C (m×n) (+)= op(A)·B with B (k×n) read in place, with the row-streaming kernel of <c>width</c>
    /// (<see cref="KernelMode.Vector512"/>, <see cref="KernelMode.Vector256"/> or <see cref="KernelMode.Vector128"/>),
    /// on the calling thread, or split by columns over up to <paramref name="maxThreads"/> threads when it is past
    /// <see cref="RowStreamingThreadingThresholdFlops"/> (each element's arithmetic is the same either way). Any m is correct; it is
    /// fast for m ≤ <see cref="RowStreamingMaxRows"/>.</summary>
    internal static void MultiplyRowStreaming<T>(
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k, bool transposeA, bool accumulate, KernelMode width, int maxThreads = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(width is KernelMode.Vector512 or KernelMode.Vector256 or KernelMode.Vector128);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            if (!accumulate)
            {
                c[..(m * n)].Clear();
            }

            return;
        }

        fixed (T* pa = a, pb = b, pc = c)
        {
            var job = new BlockedJob
            {
                A = (nint)pa,
                B = (nint)pb,
                C = (nint)pc,
                M = m,
                N = n,
                K = k,
                TransposeA = transposeA,
                Accumulate = accumulate,
                IsDouble = typeof(T) == typeof(double),
                Width = width,
                RowStreaming = true,
                Parts = 1,
            };

            // Split C's columns in whole strips (RowStreamingStrip), never k: every element keeps its arithmetic.
            int strips = (n + RowStreamingStrip(width, sizeof(T)) - 1) / RowStreamingStrip(width, sizeof(T));
            if (maxThreads > 1 && strips > 1 && 2.0 * m * n * k >= RowStreamingThreadingThresholdFlops)
            {
                job.Parts = Math.Min(maxThreads, strips);
                if (GemmWorkers.TryRun(in job))
                {
                    return;
                }

                job.Parts = 1;
            }

            job.RunPart(0);
        }
    }

    // Columns of the widest strip of the row-streaming kernel of `width`: 8 vectors.
    private static int RowStreamingStrip(KernelMode width, int elementSize)
        => 8 * (width switch { KernelMode.Vector512 => 64, KernelMode.Vector256 => 32, _ => 16 }) / elementSize;

    // Part `part` of job.Parts of a row-streaming product: a run of whole strips of columns (the last part takes
    // the rest).
    private static void RowStreamingPart<T, TKernel>(in BlockedJob job, int part)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : struct, IRowStreamingKernel<T>
    {
        int strip = 8 * TKernel.Lanes, strips = (job.N + strip - 1) / strip;
        int columnStart = Math.Min(job.N, part * strips / job.Parts * strip);
        int columnEnd = part + 1 == job.Parts ? job.N : Math.Min(job.N, (part + 1) * strips / job.Parts * strip);
        if (columnStart < columnEnd)
        {
            RowStreaming<T, TKernel>((T*)job.A, (T*)job.B, (T*)job.C, job.M, job.N, job.K, job.TransposeA, job.Accumulate, columnStart, columnEnd);
        }
    }

    // C[.., columnStart..columnEnd] of an m×n product (B and C have row stride n).
    private static void RowStreaming<T, TKernel>(T* a, T* b, T* c, int m, int n, int k, bool transposeA, bool accumulate, int columnStart, int columnEnd)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : struct, IRowStreamingKernel<T>
    {
        // op(A)[i, p] = a[i·rowStride + p·pStride].
        nint rowStride = transposeA ? 1 : k, pStride = transposeA ? m : 1;

        // The blocked GEMM's kc blocks (see BlockedPart): the same split gives the same rounding.
        int kcMax = KcBytes / sizeof(T);
        int kBlocks = (k + kcMax - 1) / kcMax;
        int kc0 = (k + kBlocks - 1) / kBlocks;

        // Columns past the last whole vector go through masked loads and stores, so nothing past B or C is touched.
        int lanes = TKernel.Lanes, columns = columnEnd - columnStart, vectors = columns / lanes, tail = columns - (vectors * lanes);
        b += columnStart;
        c += columnStart;
        for (int i = 0; i < m; i += RowStreamingGroup)
        {
            int rows = Math.Min(RowStreamingGroup, m - i);
            T* cRows = c + ((nint)i * n);
            for (int pc = 0; pc < k; pc += kc0)
            {
                int kc = Math.Min(kc0, k - pc);
                bool loadC = pc > 0 || accumulate;
                T* aBlock = a + (i * rowStride) + (pc * pStride);
                TKernel.Multiply(rows, kc, aBlock, rowStride, pStride, b + ((nint)pc * n), n, cRows, n, vectors, loadC);
                if (tail > 0)
                {
                    int last = vectors * lanes;
                    TKernel.MultiplyTail(rows, kc, aBlock, rowStride, pStride, b + ((nint)pc * n) + last, n, cRows + last, n, tail, loadC);
                }
            }
        }
    }
}

/// <summary>A row-streaming kernel of one vector width: C rows (+)= op(A) rows · B, B read in place.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
internal unsafe interface IRowStreamingKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Elements per vector.</summary>
    static abstract int Lanes { get; }

    /// <summary>C[0..rows, 0..vectors·<see cref="Lanes"/>] (+)= op(A)[0..rows, 0..kc] · B[0..kc, same columns].</summary>
    /// <param name="rows">Rows of C, 1..4.</param>
    /// <param name="kc">Length of the dot products, ≥ 1.</param>
    /// <param name="a">op(A)[0, 0]; op(A)[i, p] is at <c>a[i·rowStride + p·pStride]</c>.</param>
    /// <param name="rowStride">Distance between rows of op(A), in elements.</param>
    /// <param name="pStride">Distance between columns of op(A), in elements.</param>
    /// <param name="b">B[0, 0]; row p starts at <c>b + p·ldb</c>.</param>
    /// <param name="ldb">Row stride of B, in elements.</param>
    /// <param name="c">Top-left of C.</param>
    /// <param name="ldc">Row stride of C, in elements.</param>
    /// <param name="vectors">Whole vectors of columns to compute.</param>
    /// <param name="loadC">Add to C's values (true) or overwrite them (false).</param>
    static abstract void Multiply(int rows, int kc, T* a, nint rowStride, nint pStride, T* b, nint ldb, T* c, nint ldc, int vectors, bool loadC);

    /// <summary>As <see cref="Multiply"/> for the last 1..<see cref="Lanes"/> − 1 columns, through masked loads and
    /// stores: nothing past <paramref name="columns"/> is read or written.</summary>
    /// <param name="rows">Rows of C, 1..4.</param>
    /// <param name="kc">Length of the dot products, ≥ 1.</param>
    /// <param name="a">op(A)[0, 0]; op(A)[i, p] is at <c>a[i·rowStride + p·pStride]</c>.</param>
    /// <param name="rowStride">Distance between rows of op(A), in elements.</param>
    /// <param name="pStride">Distance between columns of op(A), in elements.</param>
    /// <param name="b">B[0, first column]; row p starts at <c>b + p·ldb</c>.</param>
    /// <param name="ldb">Row stride of B, in elements.</param>
    /// <param name="c">C[0, first column].</param>
    /// <param name="ldc">Row stride of C, in elements.</param>
    /// <param name="columns">Columns to compute, 1..<see cref="Lanes"/> − 1.</param>
    /// <param name="loadC">Add to C's values (true) or overwrite them (false).</param>
    static abstract void MultiplyTail(int rows, int kc, T* a, nint rowStride, nint pStride, T* b, nint ldb, T* c, nint ldc, int columns, bool loadC);
}
