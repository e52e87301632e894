using System.Globalization;
using Perceptron.Kernels;

namespace Perceptron.Benchmarks.Quick;

/// <summary>
/// <c>gemm [--size 4096] [--threads N] [--double] [--variant Vector512]</c>: validates the fast GEMM against the
/// reference on small shapes, then prints GFLOP/s (median of several runs) for size³ and the MNIST-like
/// products of a 784-256-… net at batch 64, at 1 and 2 threads (or only N).
/// </summary>
internal static class GemmQuick
{
    private static readonly (string Name, int M, int N, int K, bool TransposeA, bool TransposeB)[] MnistShapes =
    [
        ("X·W      64×784×256 NN", 64, 256, 784, false, false),
        ("δ·Wᵀ     64×256×784 NT", 64, 784, 256, false, true),
        ("Xᵀ·δ     784×256×64 TN", 784, 256, 64, true, false),
    ];

    public static int Run(string[] args)
    {
        int size = 4096;
        int[] threads = [1, 2];
        bool useDouble = false;
        KernelMode variant = KernelRegistry.Best;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size": size = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--threads": threads = [int.Parse(args[++i], CultureInfo.InvariantCulture)]; break;
                case "--double": useDouble = true; break;
                case "--variant": variant = Enum.Parse<KernelMode>(args[++i], ignoreCase: true); break;
                default:
                    Console.Error.WriteLine($"unknown option '{args[i]}'; usage: gemm [--size 4096] [--threads N] [--double] [--variant Vector512|Vector256|Reference]");
                    return 2;
            }
        }

        return useDouble ? Run<double>(size, threads, variant) : Run<float>(size, threads, variant);
    }

    private static int Run<T>(int size, int[] threads, KernelMode variant)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Console.WriteLine($"GEMM {typeof(T).Name}, variant {variant}, {Environment.ProcessorCount} processors");
        if (!Validate<T>(variant))
        {
            return 1;
        }

        Console.WriteLine($"{"product",-26} {"threads",7} {"ms",10} {"GFLOP/s",9}");
        var shapes = new List<(string Name, int M, int N, int K, bool TransposeA, bool TransposeB)>
        {
            ($"C=A·B      {size}³ NN", size, size, size, false, false),
        };
        shapes.AddRange(MnistShapes);
        foreach (var (name, m, n, k, transposeA, transposeB) in shapes)
        {
            T[] a = Random<T>(m * k, 1), b = Random<T>(k * n, 2), c = new T[m * n];
            foreach (int t in threads)
            {
                bool big = (double)m * n * k > 1e9;
                double seconds = QuickTimer.MedianSeconds(
                    () => Gemm.Multiply<T>(variant, t, a, b, c, m, n, k, transposeA, transposeB, accumulate: false),
                    samples: big ? 3 : 7, minBatchSeconds: big ? 0 : 0.05);
                double gflops = 2.0 * m * n * k / seconds / 1e9;
                Console.WriteLine($"{name,-26} {t,7} {seconds * 1e3,10:F3} {gflops,9:F1}");
            }
        }

        return 0;
    }

    // "All kernels passed! Starting benchmarks." (llm.c): compare with the reference on odd shapes first.
    private static bool Validate<T>(KernelMode variant)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        foreach (var (m, n, k) in new[] { (67, 45, 53), (13, 97, 300), (130, 33, 7) })
        {
            for (int flags = 0; flags < 8; flags++)
            {
                bool transposeA = (flags & 1) != 0, transposeB = (flags & 2) != 0, accumulate = (flags & 4) != 0;
                T[] a = Random<T>(m * k, 3), b = Random<T>(k * n, 4);
                T[] expected = Random<T>(m * n, 5), actual = (T[])expected.Clone();
                Gemm.MultiplyReference<T>(a, b, expected, m, n, k, transposeA, transposeB, accumulate);
                Gemm.Multiply<T>(variant, 2, a, b, actual, m, n, k, transposeA, transposeB, accumulate);
                double tolerance = (typeof(T) == typeof(float) ? 1e-5 : 1e-12) * Math.Sqrt(k) * k;
                for (int i = 0; i < expected.Length; i++)
                {
                    double difference = Math.Abs(double.CreateChecked(expected[i]) - double.CreateChecked(actual[i]));
                    if (!(difference <= tolerance))
                    {
                        Console.Error.WriteLine($"FAILED {m}×{n}×{k} transposeA={transposeA} transposeB={transposeB} accumulate={accumulate}: C[{i}] expected {expected[i]}, actual {actual[i]}");
                        return false;
                    }
                }
            }
        }

        Console.WriteLine("Validated against the reference on 3 shapes × 8 transpose/accumulate combinations.");
        return true;
    }

    private static T[] Random<T>(int length, int seed)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = T.CreateTruncating((random.NextDouble() * 2) - 1);
        }

        return values;
    }
}
