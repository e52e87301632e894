using Perceptron.Kernels;

namespace Perceptron.Benchmarks.Quick;

/// <summary>
/// <c>gemm-shapes</c>: our GEMM on the products a training step makes (W3's 784-256-128 layers at batch 64, W4's
/// 4096-wide layers at batch 512: forward X·W, backward δ·Wᵀ and Xᵀ·δ), through the public dispatcher at
/// <c>--threads N</c>, timed as numpy_peer.py's <c>gemm-shapes</c> times OpenBLAS on the same shapes and layouts.
/// </summary>
internal static class GemmShapes
{
    /// <summary>(m, n, k, op(A) transposed, op(B) transposed), in the order numpy_peer.py lists them.</summary>
    internal static readonly (int M, int N, int K, bool TransposeA, bool TransposeB)[] Shapes =
    [
        (64, 256, 784, false, false), (64, 784, 256, false, true), (784, 256, 64, true, false),
        (64, 128, 256, false, false), (64, 256, 128, false, true), (256, 128, 64, true, false),
        (512, 4096, 4096, false, false), (512, 4096, 4096, false, true), (4096, 4096, 512, true, false),
    ];

    public static int Run(string[] args)
    {
        if (Comparison.Parse(args, "gemm-shapes") is not { } options)
        {
            return 2;
        }

        var random = new Random(7);
        foreach (var (m, n, k, transposeA, transposeB) in Shapes)
        {
            float[] a = Values(random, m * k), b = Values(random, k * n), c = new float[m * n];
            bool big = (double)m * n * k > 1e9;
            double seconds = QuickTimer.MedianSeconds(() => Gemm.Multiply<float>(a, b, c, m, n, k, transposeA, transposeB),
                samples: options.Quick ? 3 : big ? 5 : 9, minBatchSeconds: big ? 0 : 0.05);
            double flop = 2.0 * m * n * k;
            options.Record(Name(m, n, k, transposeA, transposeB), "perceptron", options.Threads, seconds, "per-call", flop / seconds / 1e9, "gflops",
                $"Gemm.Multiply, variant {KernelRegistry.Best}", flop);
        }

        return 0;
    }

    internal static string Name(int m, int n, int k, bool transposeA, bool transposeB)
        => $"GEMM-{m}x{n}x{k}-{(transposeA ? 'T' : 'N')}{(transposeB ? 'T' : 'N')}";

    private static float[] Values(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }
}
