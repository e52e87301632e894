using Perceptron.Kernels;

namespace Perceptron.Benchmarks.Quick;

/// <summary>
/// <c>small-rows</c>: microseconds per product for m = 1..8 rows on one thread, the row-streaming kernel against the
/// blocked one (both Vector512 or the best variant), on the 784-256-128-10 net's forward shapes and a square one:
/// where the crossover <c>Gemm.RowStreamingMaxRows</c> comes from.
/// </summary>
internal static class SmallRowsQuick
{
    public static int Run(string[] args)
    {
        _ = args;
        KernelMode variant = KernelRegistry.Best;
        if (variant == KernelMode.Reference)
        {
            Console.Error.WriteLine("no SIMD variant on this machine");
            return 1;
        }

        Console.WriteLine($"float, {variant}, 1 thread: µs per product, row streaming / blocked");
        foreach (var (n, k) in new[] { (256, 784), (128, 256), (10, 128), (1000, 1000), (4096, 4096) })
        {
            var random = new Random(1);
            float[] a = new float[8 * k], b = new float[k * n], c = new float[8 * n];
            for (int i = 0; i < a.Length; i++) { a[i] = (float)random.NextDouble(); }
            for (int i = 0; i < b.Length; i++) { b[i] = (float)random.NextDouble(); }

            Console.Write($"k={k,4} n={n,4}:");
            for (int m = 1; m <= 8; m++)
            {
                double streaming = QuickTimer.MedianSeconds(() => Gemm.MultiplyRowStreaming<float>(a, b, c, m, n, k, false, false, variant), samples: 5, minBatchSeconds: 0.02);
                double blocked = QuickTimer.MedianSeconds(() => Gemm.MultiplyBlocked<float>(a, b, c, m, n, k, false, false, false, variant, 1), samples: 5, minBatchSeconds: 0.02);
                Console.Write($"  m={m} {streaming * 1e6:F2}/{blocked * 1e6:F2}");
            }

            Console.WriteLine();
        }

        return 0;
    }
}
