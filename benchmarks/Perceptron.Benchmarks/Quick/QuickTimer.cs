using System.Diagnostics;

namespace Perceptron.Benchmarks.Quick;

/// <summary>Median timing for the quick workloads: short, repeatable, good enough to compare ratios in one run.</summary>
internal static class QuickTimer
{
    /// <summary>Median seconds per call of <paramref name="action"/> over <paramref name="samples"/> timed batches,
    /// each batch long enough (≥ <paramref name="minBatchSeconds"/>) to make timer resolution irrelevant.</summary>
    public static double MedianSeconds(Action action, int samples = 7, double minBatchSeconds = 0.05)
    {
        // Warm up for a while (the JIT recompiles hot methods at tier 1 after ~100 ms; buffers and worker threads
        // start on first use), then size the batch.
        var watch = Stopwatch.StartNew();
        do
        {
            action();
        }
        while (watch.Elapsed.TotalSeconds < 0.3);

        watch.Restart();
        action();
        double once = Math.Max(watch.Elapsed.TotalSeconds, 1e-7);
        int calls = (int)Math.Clamp(Math.Ceiling(minBatchSeconds / once), 1, 1_000_000);

        var times = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            watch.Restart();
            for (int i = 0; i < calls; i++)
            {
                action();
            }

            times[s] = watch.Elapsed.TotalSeconds / calls;
        }

        Array.Sort(times);
        return times[samples / 2];
    }
}
