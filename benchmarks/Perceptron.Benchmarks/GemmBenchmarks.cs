using BenchmarkDotNet.Attributes;
using Perceptron.Kernels;

namespace Perceptron.Benchmarks;

/// <summary>The GEMM variants on an MNIST-sized product and a big one; the reference is the baseline.</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _a = [], _b = [], _c = [];
    private int _m, _n, _k;

    /// <summary>m×k·k×n, written "m×k×n": a batch of 64 through a 784→256 layer, and a big product.</summary>
    [Params("64x784x256", "512x1024x4096")]
    public string Shape { get; set; } = "64x784x256";

    private int M => _m;

    private int N => _n;

    private int K => _k;

    [GlobalSetup]
    public void Setup()
    {
        int[] sizes = Shape.Split('x').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        (_m, _k, _n) = (sizes[0], sizes[1], sizes[2]);
        var random = new Random(42);
        _a = Enumerable.Range(0, M * K).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        _b = Enumerable.Range(0, K * N).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        _c = new float[M * N];

        // Validate before timing: every fast variant must match the reference.
        var expected = new float[M * N];
        Gemm.MultiplyReference<float>(_a, _b, expected, M, N, K, false, false, false);
        foreach (var variant in KernelRegistry.Available)
        {
            Gemm.Multiply<float>(variant.Mode, Environment.ProcessorCount, _a, _b, _c, M, N, K, false, false, false);
            for (int i = 0; i < expected.Length; i++)
            {
                if (Math.Abs(expected[i] - _c[i]) > 1e-3f * MathF.Sqrt(K))
                {
                    throw new InvalidOperationException($"{variant} differs from the reference at {i}: {_c[i]} vs {expected[i]}.");
                }
            }
        }
    }

    [Benchmark(Baseline = true)]
    public void Reference() => Gemm.MultiplyReference<float>(_a, _b, _c, M, N, K, false, false, false);

    [Benchmark]
    public void Blocked1Thread() => Gemm.Multiply<float>(KernelRegistry.Best, 1, _a, _b, _c, M, N, K, false, false, false);

    [Benchmark]
    public void BlockedAllThreads() => Gemm.Multiply<float>(KernelRegistry.Best, Environment.ProcessorCount, _a, _b, _c, M, N, K, false, false, false);
}
