using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Perceptron.Benchmarks.Quick;

/// <summary>
/// <c>peak</c>: what this machine can do, measured in the same run as the workloads so every figure can be stated as
/// a fraction of it. The FP32 fused multiply-add peak on 1 and 2 threads (a register-resident loop per thread, every
/// accelerated vector width tried, the best kept), the memory read bandwidth on 1 and 2 threads (a 512 MiB buffer
/// summed in vectors), how fast one core reads what the other has just written, and the processor's description from
/// /proc/cpuinfo.
/// </summary>
internal static class PeakProbe
{
    // Independent accumulator chains per thread: more than FMA latency (4 cycles) × FMA pipes (2), so the loop is
    // bound by FMA throughput alone, and few enough to stay in the 16 registers of AVX2-only processors.
    private const int Chains = 12;
    private const long BandwidthBytes = 512L << 20;

    public static int Run(string[] args)
    {
        if (Comparison.Parse(args, "peak") is not { } options)
        {
            return 2;
        }

        options.RecordMachine(MachineDescription.Read());
        int rounds = options.Quick ? 3 : 7;
        foreach (int threads in ThreadCounts(options.Threads))
        {
            var (gflops, width) = BestWidth(threads, rounds);
            options.Record("peak-fma", "probe", threads, 1 / gflops, "per-gflop", gflops, "gflops",
                $"FP32 FMA peak: {threads} thread(s), {Chains} register-resident chains of Vector{width} each, best of {rounds}");
        }

        float[] buffer = GC.AllocateUninitializedArray<float>((int)(BandwidthBytes / sizeof(float)), pinned: true);
        buffer.AsSpan().Fill(1f);
        foreach (int threads in ThreadCounts(options.Threads))
        {
            double seconds = Best(rounds, () => ReadAll(buffer, threads));
            double gbs = BandwidthBytes / seconds / 1e9;
            options.Record("peak-memory", "probe", threads, seconds, "total", gbs, "gb_per_s",
                $"read {BandwidthBytes >> 20} MiB in vectors on {threads} thread(s), best of {rounds}");
        }

        if (options.Threads > 1)
        {
            double gbs = HandOffBandwidth(rounds);
            options.Record("peak-handoff", "probe", 2, HandOffBytes / gbs / 1e9, "total", gbs, "gb_per_s",
                $"one thread reads {HandOffBytes >> 10} KiB the other has just written (cache to cache), best of {rounds}");
        }

        return 0;
    }

    private const int HandOffBytes = 512 << 10;

    /// <summary>How fast one core reads what the other has just written: the traffic a split product's halves cause
    /// when the next step of training reads them. A thread writes the buffer, the other sums it, in turns; GB/s of the
    /// reads. On a shared VM it moves with where the host places the two vCPUs (same or different L3).</summary>
    private static double HandOffBandwidth(int rounds)
    {
        float[] buffer = GC.AllocateUninitializedArray<float>(HandOffBytes / sizeof(float), pinned: true);
        const int Turns = 200;
        int turn = 0; // even: the writer's turn, odd: the reader's
        long readTicks = 0;
        var writer = new Thread(() =>
        {
            for (int t = 0; t < rounds * Turns; t++)
            {
                while (Volatile.Read(ref turn) != 2 * t)
                {
                    Thread.SpinWait(1);
                }

                buffer.AsSpan().Fill(t);
                Volatile.Write(ref turn, (2 * t) + 1);
            }
        });
        writer.Start();
        double best = 0;
        for (int round = 0; round < rounds; round++)
        {
            readTicks = 0;
            for (int t = round * Turns; t < (round + 1) * Turns; t++)
            {
                while (Volatile.Read(ref turn) != (2 * t) + 1)
                {
                    Thread.SpinWait(1);
                }

                long start = Stopwatch.GetTimestamp();
                GC.KeepAlive(SumVectors(buffer));
                readTicks += Stopwatch.GetTimestamp() - start;
                Volatile.Write(ref turn, 2 * (t + 1));
            }

            best = Math.Max(best, (double)HandOffBytes * Turns / ((double)readTicks / Stopwatch.Frequency) / 1e9);
        }

        writer.Join();
        return best;
    }

    /// <summary>The peak (GFLOP/s) the run's records on <paramref name="threads"/> threads are compared with.</summary>
    internal static (double Gflops, int Width) BestWidth(int threads, int rounds)
    {
        (double Gflops, int Width) best = (0, 0);
        foreach (int width in new[] { 512, 256, 128 })
        {
            bool accelerated = width switch
            {
                512 => Vector512.IsHardwareAccelerated,
                256 => Vector256.IsHardwareAccelerated,
                _ => Vector128.IsHardwareAccelerated,
            };
            if (!accelerated)
            {
                continue;
            }

            const long Iterations = 20_000_000;
            double seconds = Best(rounds, () => OnThreads(threads, _ => Fma(width, Iterations)));
            double gflops = threads * Iterations * Chains * 2.0 * (width / 32) / seconds / 1e9;
            if (gflops > best.Gflops)
            {
                best = (gflops, width);
            }
        }

        return best;
    }

    private static int[] ThreadCounts(int threads) => threads <= 1 ? [1] : [1, threads];

    private static double Best(int rounds, Action action)
    {
        action(); // warm-up: JIT to the optimized tier, pages touched
        double best = double.MaxValue;
        for (int i = 0; i < rounds; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return best;
    }

    // Runs body(index) on `threads` dedicated threads started together; returns when all are done.
    private static void OnThreads(int threads, Action<int> body)
    {
        using var start = new Barrier(threads);
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            workers[t] = new Thread(() =>
            {
                start.SignalAndWait();
                body(index);
            });
            workers[t].Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }
    }

    private static float Fma(int width, long iterations) => width switch
    {
        512 => Fma512(iterations),
        256 => Fma256(iterations),
        _ => Fma128(iterations),
    };

    // c = c·m + a converges to a / (1 − m): no overflow, no denormals, and every FMA depends on the previous one of
    // its chain only. The sum at the end keeps the JIT from dropping the loop.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Fma512(long iterations)
    {
        Vector512<float> m = Vector512.Create(0.999999f), a = Vector512.Create(1e-6f);
        Vector512<float> c0 = m, c1 = m, c2 = m, c3 = m, c4 = m, c5 = m, c6 = m, c7 = m, c8 = m, c9 = m, c10 = m, c11 = m;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, m, a); c1 = Vector512.FusedMultiplyAdd(c1, m, a);
            c2 = Vector512.FusedMultiplyAdd(c2, m, a); c3 = Vector512.FusedMultiplyAdd(c3, m, a);
            c4 = Vector512.FusedMultiplyAdd(c4, m, a); c5 = Vector512.FusedMultiplyAdd(c5, m, a);
            c6 = Vector512.FusedMultiplyAdd(c6, m, a); c7 = Vector512.FusedMultiplyAdd(c7, m, a);
            c8 = Vector512.FusedMultiplyAdd(c8, m, a); c9 = Vector512.FusedMultiplyAdd(c9, m, a);
            c10 = Vector512.FusedMultiplyAdd(c10, m, a); c11 = Vector512.FusedMultiplyAdd(c11, m, a);
        }

        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Fma256(long iterations)
    {
        Vector256<float> m = Vector256.Create(0.999999f), a = Vector256.Create(1e-6f);
        Vector256<float> c0 = m, c1 = m, c2 = m, c3 = m, c4 = m, c5 = m, c6 = m, c7 = m, c8 = m, c9 = m, c10 = m, c11 = m;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, m, a); c1 = Vector256.FusedMultiplyAdd(c1, m, a);
            c2 = Vector256.FusedMultiplyAdd(c2, m, a); c3 = Vector256.FusedMultiplyAdd(c3, m, a);
            c4 = Vector256.FusedMultiplyAdd(c4, m, a); c5 = Vector256.FusedMultiplyAdd(c5, m, a);
            c6 = Vector256.FusedMultiplyAdd(c6, m, a); c7 = Vector256.FusedMultiplyAdd(c7, m, a);
            c8 = Vector256.FusedMultiplyAdd(c8, m, a); c9 = Vector256.FusedMultiplyAdd(c9, m, a);
            c10 = Vector256.FusedMultiplyAdd(c10, m, a); c11 = Vector256.FusedMultiplyAdd(c11, m, a);
        }

        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Fma128(long iterations)
    {
        Vector128<float> m = Vector128.Create(0.999999f), a = Vector128.Create(1e-6f);
        Vector128<float> c0 = m, c1 = m, c2 = m, c3 = m, c4 = m, c5 = m, c6 = m, c7 = m, c8 = m, c9 = m, c10 = m, c11 = m;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector128.FusedMultiplyAdd(c0, m, a); c1 = Vector128.FusedMultiplyAdd(c1, m, a);
            c2 = Vector128.FusedMultiplyAdd(c2, m, a); c3 = Vector128.FusedMultiplyAdd(c3, m, a);
            c4 = Vector128.FusedMultiplyAdd(c4, m, a); c5 = Vector128.FusedMultiplyAdd(c5, m, a);
            c6 = Vector128.FusedMultiplyAdd(c6, m, a); c7 = Vector128.FusedMultiplyAdd(c7, m, a);
            c8 = Vector128.FusedMultiplyAdd(c8, m, a); c9 = Vector128.FusedMultiplyAdd(c9, m, a);
            c10 = Vector128.FusedMultiplyAdd(c10, m, a); c11 = Vector128.FusedMultiplyAdd(c11, m, a);
        }

        return Vector128.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    // Each thread sums its contiguous share with four independent vector chains (loads, not adds, are the limit).
    private static void ReadAll(float[] buffer, int threads)
    {
        float[] sums = new float[threads];
        OnThreads(threads, t =>
        {
            int share = buffer.Length / threads;
            sums[t] = SumVectors(buffer.AsSpan(t * share, share));
        });
        GC.KeepAlive(sums);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float SumVectors(ReadOnlySpan<float> values)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        int lanes = Vector256<float>.Count, i = 0;
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        for (; i + (4 * lanes) <= values.Length; i += 4 * lanes)
        {
            s0 += Vector256.LoadUnsafe(ref start, (nuint)i);
            s1 += Vector256.LoadUnsafe(ref start, (nuint)(i + lanes));
            s2 += Vector256.LoadUnsafe(ref start, (nuint)(i + (2 * lanes)));
            s3 += Vector256.LoadUnsafe(ref start, (nuint)(i + (3 * lanes)));
        }

        return Vector256.Sum(s0 + s1 + s2 + s3) + values[i..].ToArray().Sum();
    }
}
