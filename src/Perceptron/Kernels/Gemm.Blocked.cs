using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Perceptron.Kernels;

// The packed, cache-blocked GEMM (the GotoBLAS/BLIS design), identical in result to MultiplyReference up to
// rounding: each element of C is, per kc block, one fused multiply-add chain over that block's p in order,
// added to C's stored value (except in the first block when not accumulating). docs/engine.md explains the
// blocking; in short, for each part of C:
//
//   for jc in columns, step nc
//     for pc in 0..k, step kc
//       pack B[pc.., jc..] into nr-wide micro-panels   B block kc×nc stays in L2 (1 MiB); narrow B is read in place
//       for ir in rows, step mr
//         pack A[ir.., pc..]                           A micro-panel mr×kc stays in L1 (14 KiB)
//         for jr in 0..nc, step nr
//           C[ir.., jc+jr..] (+)= Ã·B̃                   the micro-kernel: an mr×nr tile of C in registers
internal static unsafe partial class Gemm
{
    // kc: the A micro-panel (mr×kc) must stay in L1 (32-48 KiB) while B micro-panels stream past it:
    // 14×256 floats = 14 KiB. nc: the packed B block (kc×nc) should stay in L2 (1-2 MiB) while every A
    // micro-panel of the part sweeps it: 256×1024 floats = 1 MiB. A smaller nc fits L2 more comfortably but
    // repacks A more often (A is repacked once per nc columns); on 4096³ nc = 512 measured 10% slower than 1024.
    // Doubles keep the same byte sizes (kc = 128).
    private const int KcBytes = 1024;
    private const int NcElements = 1024;

    /// <summary>Below this many flops (2·m·n·k) a product runs on the calling thread: waking a worker costs more than
    /// it saves. At 1 MFLOP two threads already win when the worker is awake (64×128·128×64: 7.7 µs on one thread,
    /// 5.9 µs on two); below it a sleeping worker's wake-up (several µs) would dominate.</summary>
    internal const double ThreadingThresholdFlops = 1e6;

    /// <summary>Multiplies with the packed, cache-blocked kernel of <c>width</c> (<see cref="KernelMode.Vector512"/>,
    /// <see cref="KernelMode.Vector256"/> or <see cref="KernelMode.Vector128"/>) on at most <c>maxThreads</c> ≥ 1
    /// threads, the caller included.</summary>
    internal static void MultiplyBlocked<T>(
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transposeA, bool transposeB, bool accumulate, KernelMode width, int maxThreads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(width is KernelMode.Vector512 or KernelMode.Vector256 or KernelMode.Vector128);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            // An empty sum: C = 0, or C unchanged when accumulating.
            if (!accumulate)
            {
                c[..(m * n)].Clear();
            }

            return;
        }

        var (mr, nr) = width switch
        {
            KernelMode.Vector512 => (MicroKernel512<T>.Mr, MicroKernel512<T>.Nr),
            KernelMode.Vector256 => (MicroKernel256<T>.Mr, MicroKernel256<T>.Nr),
            _ => (MicroKernel128<T>.Mr, MicroKernel128<T>.Nr),
        };
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
                TransposeB = transposeB,
                Accumulate = accumulate,
                IsDouble = typeof(T) == typeof(double),
                Width = width,
                Parts = 1,
            };

            // Split C over threads along rows or columns, never along k: every element then gets the same
            // operations in the same order whatever the thread count.
            if (maxThreads > 1 && 2.0 * m * n * k >= ThreadingThresholdFlops)
            {
                int columnTiles = (n + nr - 1) / nr;
                job.Parts = Math.Min(maxThreads, Math.Max(m, columnTiles));
                job.SplitRows = m >= job.Parts && (columnTiles < job.Parts || PreferRowSplit(m, n, k, transposeA, transposeB, mr, nr, sizeof(T), job.Parts));
                if (job.Parts > 1 && GemmWorkers.TryRun(in job))
                {
                    return;
                }

                // The pool is busy with another caller's product: run this one here, on this thread's buffers.
                job.Parts = 1;
            }

            job.RunPart(0);
        }
    }

    // Whether a part of `rows` rows reads B (k×n, not transposed) in place instead of packing it. Packing pays
    // when B's rows are far apart (n ≥ 1024 floats: strided rows then thrash the TLB and the cache sets, -10% on
    // 1024³) or each B value is reused by many row panels; it costs a copy of B per part. Measured on 64×256·256×784:
    // 150 µs packed, 123 µs in place; with a single row panel (a batch ≤ mr) each B value is used once anyway.
    private static bool ReadsBInPlace(bool transposeB, int rows, int n, int mr, int elementSize)
        => !transposeB && (rows <= mr || (long)n * elementSize <= 2048);

    // Each part packs all of the operand the split does not divide (a column split repacks A in every part, a
    // row split B, unless read in place), and its share is as big as its largest part. Estimate both, in
    // multiply-add units: a packed element costs about 4 (a copy) or 8 (a transpose) of the micro-kernel's.
    private static bool PreferRowSplit(int m, int n, int k, bool transposeA, bool transposeB, int mr, int nr, int elementSize, int parts)
    {
        int rowsPerPart = (m + parts - 1) / parts;
        int columnsPerPart = Math.Min(n, ((n + nr - 1) / nr + parts - 1) / parts * nr);
        double packA = (double)m * k * (transposeA ? 4 : 8), packB = (double)k * n * (transposeB ? 8 : 4);
        double rowSplit = ((double)rowsPerPart * n * k) + (ReadsBInPlace(transposeB, rowsPerPart, n, mr, elementSize) ? 0 : packB)
            + (packA * rowsPerPart / m);
        double columnSplit = ((double)columnsPerPart * m * k) + packA
            + (ReadsBInPlace(transposeB, m, n, mr, elementSize) ? 0 : packB * columnsPerPart / n);
        return rowSplit < columnSplit;
    }

    /// <summary>One product handed to the threads: pointers to pinned A, B, C, the shape, the kernel (blocked, or row
    /// streaming when <see cref="RowStreaming"/>) and how it is split.</summary>
    internal struct BlockedJob
    {
        public nint A, B, C;
        public int M, N, K;
        public bool TransposeA, TransposeB, Accumulate, IsDouble, SplitRows, RowStreaming;
        public KernelMode Width;
        public int Parts;

        /// <summary>Computes part <paramref name="part"/> of <see cref="Parts"/>.</summary>
        public readonly void RunPart(int part)
        {
            if (IsDouble)
            {
                RunPart<double>(part);
            }
            else
            {
                RunPart<float>(part);
            }
        }

        private readonly void RunPart<T>(int part)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (RowStreaming)
            {
                switch (Width)
                {
                    case KernelMode.Vector512: RowStreamingPart<T, RowStreaming512<T>>(in this, part); break;
                    case KernelMode.Vector256: RowStreamingPart<T, RowStreaming256<T>>(in this, part); break;
                    default: RowStreamingPart<T, RowStreaming128<T>>(in this, part); break;
                }

                return;
            }

            switch (Width)
            {
                case KernelMode.Vector512: BlockedPart<T, MicroKernel512<T>>(in this, part); break;
                case KernelMode.Vector256: BlockedPart<T, MicroKernel256<T>>(in this, part); break;
                default: BlockedPart<T, MicroKernel128<T>>(in this, part); break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BlockedPart<T, TKernel>(in BlockedJob job, int part)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : struct, IGemmMicroKernel<T>
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        int m = job.M, n = job.N, k = job.K;

        // This part's share of C: rows [rowStart, rowEnd) × columns [columnStart, columnEnd).
        int rowStart = 0, rowEnd = m, columnStart = 0, columnEnd = n;
        if (job.SplitRows)
        {
            // Rows split evenly (a short tile costs in proportion to its rows); columns in whole tiles (a
            // narrow tile costs as much as a full one).
            rowStart = (int)((long)part * m / job.Parts);
            rowEnd = (int)((long)(part + 1) * m / job.Parts);
        }
        else
        {
            int tiles = (n + nr - 1) / nr;
            columnStart = Math.Min(n, part * tiles / job.Parts * nr);
            columnEnd = Math.Min(n, (part + 1) * tiles / job.Parts * nr);
        }

        if (rowStart >= rowEnd || columnStart >= columnEnd)
        {
            return;
        }

        // Even kc blocks (k = 257 gives 129 + 128, not 256 + 1). They depend on k only, never on the split.
        int kcMax = KcBytes / sizeof(T);
        int kBlocks = (k + kcMax - 1) / kcMax;
        int kc0 = (k + kBlocks - 1) / kBlocks;
        // A whole number of nr-wide panels (Vector128's nr = 12 does not divide NcElements): B̃ is sized for ncMax.
        int ncMax = Math.Min(NcElements / nr * nr, RoundUp(columnEnd - columnStart, nr));

        // Buffers: Ã (mr×kc), B̃ (kc×nc), and one C tile for the right edge; each starts on a cache line.
        nint aBytes = RoundUp((mr * kc0 + PackedASlack) * sizeof(T), 64), bBytes = RoundUp(kc0 * ncMax * sizeof(T), 64);
        byte* buffer = PackBuffer(aBytes + bBytes + (mr * nr * sizeof(T)));
        T* packedA = (T*)buffer;
        T* packedB = (T*)(buffer + aBytes);
        T* edge = (T*)(buffer + aBytes + bBytes);

        T* a = (T*)job.A, b = (T*)job.B, c = (T*)job.C;

        bool directB = ReadsBInPlace(job.TransposeB, rowEnd - rowStart, n, mr, sizeof(T));
        for (int jc = columnStart; jc < columnEnd; jc += ncMax)
        {
            int nc = Math.Min(ncMax, columnEnd - jc);
            for (int pc = 0; pc < k; pc += kc0)
            {
                int kc = Math.Min(kc0, k - pc);
                bool loadC = pc > 0 || job.Accumulate;
                if (!directB)
                {
                    PackB(b, n, k, job.TransposeB, pc, kc, jc, nc, packedB, nr);
                }

                for (int ir = rowStart; ir < rowEnd; ir += mr)
                {
                    int rows = Math.Min(mr, rowEnd - ir);
                    PackA(a, m, k, job.TransposeA, ir, rows, pc, kc, packedA, mr);
                    T* cRow = c + ((nint)ir * n) + jc;
                    int tiles = (nc + nr - 1) / nr, nextRow = ir + mr, nextRows = Math.Min(mr, rowEnd - nextRow);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int columns = Math.Min(nr, nc - jr);
                        if (nextRows > 0)
                        {
                            PrefetchA(a, m, k, job.TransposeA, nextRow, nextRows, pc, kc, jr / nr, tiles);
                        }

                        if (columns == nr)
                        {
                            if (directB)
                            {
                                TKernel.Multiply(rows, kc, packedA, b + ((nint)pc * n) + jc + jr, n, cRow + jr, n, loadC);
                            }
                            else
                            {
                                TKernel.Multiply(rows, kc, packedA, packedB + (jr * kc), nr, cRow + jr, n, loadC);
                            }
                        }
                        else
                        {
                            if (directB)
                            {
                                PackB(b, n, k, transposeB: false, pc, kc, jc + jr, columns, packedB, nr);
                            }

                            EdgeTile<T, TKernel>(rows, columns, kc, packedA, directB ? packedB : packedB + (jr * kc), cRow + jr, n, loadC, edge);
                        }
                    }
                }
            }
        }
    }

    // A tile narrower than nr: run the same micro-kernel on a private copy, so the arithmetic per element is
    // identical to a full tile's, and copy back only the columns that exist (C's slack stays untouched).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EdgeTile<T, TKernel>(int rows, int columns, int kc, T* packedA, T* packedB, T* c, int ldc, bool loadC, T* edge)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : struct, IGemmMicroKernel<T>
    {
        int nr = TKernel.Nr;
        if (loadC)
        {
            for (int i = 0; i < rows; i++)
            {
                new Span<T>(c + ((nint)i * ldc), columns).CopyTo(new Span<T>(edge + (i * nr), columns));
                new Span<T>(edge + (i * nr) + columns, nr - columns).Clear();
            }
        }

        TKernel.Multiply(rows, kc, packedA, packedB, nr, edge, nr, loadC);
        for (int i = 0; i < rows; i++)
        {
            new Span<T>(edge + (i * nr), columns).CopyTo(new Span<T>(c + ((nint)i * ldc), columns));
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    // The packing buffers: one per thread, on the pinned object heap so their address is stable without a
    // `fixed`, grown to a power of two on demand and then reused, so a warmed-up call allocates nothing.
    // The GC frees a thread's buffer when the thread ends.
    [ThreadStatic]
    private static byte[]? _packBuffer;

    private static byte* PackBuffer(nint bytes)
    {
        const int Alignment = 64;
        byte[]? buffer = _packBuffer;
        if (buffer is null || buffer.Length < bytes + Alignment)
        {
            buffer = GC.AllocateUninitializedArray<byte>((int)BitOperations.RoundUpToPowerOf2((uint)(bytes + Alignment)), pinned: true);
            _packBuffer = buffer;
        }

        nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (byte*)((start + Alignment - 1) & ~(nint)(Alignment - 1));
    }
}
