using System.Collections.Concurrent;
using System.Numerics;
using Perceptron.Kernels;
using Perceptron.Tests.Support;

namespace Perceptron.Tests.Kernels;

public class GemmTests
{
    // Tests that take the variant as a parameter and run every variant of the registry themselves: CI's reruns of the
    // suite under each forced PERCEPTRON_KERNEL skip them (they would repeat the same work).
    private const string EveryVariant = "EveryVariant";

    // Every buffer carries this many NaNs past its end: a kernel that reads them poisons C, one that writes them is caught.
    private const int Slack = 9;

    public static TheoryData<KernelMode, bool, bool, bool> VariantsTransposesAccumulate()
    {
        var data = new TheoryData<KernelMode, bool, bool, bool>();
        foreach (var variant in KernelRegistry.Available)
        {
            foreach (bool transposeA in new[] { false, true })
            {
                foreach (bool transposeB in new[] { false, true })
                {
                    data.Add(variant.Mode, transposeA, transposeB, false);
                    data.Add(variant.Mode, transposeA, transposeB, true);
                }
            }
        }

        return data;
    }

    public static TheoryData<KernelMode, bool, bool> VariantsTransposes() => Transposes(KernelRegistry.Available.Select(v => v.Mode));

    // The variants that can split work over threads; the reference alone on a machine with no SIMD variant.
    public static TheoryData<KernelMode, bool, bool> FastVariantsTransposes()
        => Transposes(KernelRegistry.Available.Select(v => v.Mode).Where(mode => mode != KernelMode.Reference).DefaultIfEmpty(KernelMode.Reference));

    private static TheoryData<KernelMode, bool, bool> Transposes(IEnumerable<KernelMode> variants)
    {
        var data = new TheoryData<KernelMode, bool, bool>();
        foreach (var variant in variants)
        {
            foreach (bool transposeA in new[] { false, true })
            {
                foreach (bool transposeB in new[] { false, true })
                {
                    data.Add(variant, transposeA, transposeB);
                }
            }
        }

        return data;
    }

    /// <summary>Large and odd shapes (m, n, k): vectors, primes, B wide enough to be packed rather than read in
    /// place (n &gt; 512), and shapes that cross kc (k &gt; 256 floats, 128 doubles), nc (n &gt; 1024) and the
    /// threading threshold, with many rows (blocked) and few (row streaming split by columns).</summary>
    public static TheoryData<KernelMode, int, int, int, bool, bool, bool> LargeShapes()
    {
        (int M, int N, int K)[] shapes = [(1, 1000, 1), (1, 1000, 300), (1000, 1, 300), (300, 1, 1000), (1000, 300, 1), (257, 131, 97), (97, 131, 300), (20, 530, 40), (45, 613, 29), (70, 1100, 270), (1, 3000, 400), (4, 1100, 500)];
        var data = new TheoryData<KernelMode, int, int, int, bool, bool, bool>();
        foreach (var variant in KernelRegistry.Available.Where(v => v.Mode != KernelMode.Reference))
        {
            int flags = 0;
            foreach (var (m, n, k) in shapes)
            {
                for (int transposes = 0; transposes < 4; transposes++, flags++)
                {
                    data.Add(variant.Mode, m, n, k, (transposes & 1) != 0, (transposes & 2) != 0, flags % 3 == 0);
                }
            }

        }

        // A big product past kc in its most common form, for the preferred variant only (its reference takes a second).
        data.Add(KernelRegistry.Best, 600, 700, 1100, false, false, false);

        return data;
    }

    [Theory]
    [MemberData(nameof(VariantsTransposesAccumulate))]
    [Trait("Category", EveryVariant)]
    public void Multiply_Float_MatchesReference_AtSizes0To70(KernelMode variant, bool transposeA, bool transposeB, bool accumulate)
    {
        foreach (var (m, n, k) in SmallShapes())
        {
            CheckAgainstReference<float>(variant, 1, m, n, k, transposeA, transposeB, accumulate);
        }
    }

    [Theory]
    [MemberData(nameof(VariantsTransposesAccumulate))]
    [Trait("Category", EveryVariant)]
    public void Multiply_Double_MatchesReference_AtSizes0To70(KernelMode variant, bool transposeA, bool transposeB, bool accumulate)
    {
        foreach (var (m, n, k) in SmallShapes())
        {
            CheckAgainstReference<double>(variant, 1, m, n, k, transposeA, transposeB, accumulate);
        }
    }

    [Theory]
    [MemberData(nameof(LargeShapes))]
    [Trait("Category", EveryVariant)]
    public void Multiply_Float_MatchesReference_AtLargeAndOddShapes(KernelMode variant, int m, int n, int k, bool transposeA, bool transposeB, bool accumulate)
        => CheckAgainstReference<float>(variant, 2, m, n, k, transposeA, transposeB, accumulate);

    [Theory]
    [MemberData(nameof(VariantsTransposes))]
    [Trait("Category", EveryVariant)]
    public void Multiply_Double_MatchesReference_AcrossBlocks(KernelMode variant, bool transposeA, bool transposeB)
        => CheckAgainstReference<double>(variant, 2, 70, 1100, 270, transposeA, transposeB, accumulate: true);

    [Theory]
    [MemberData(nameof(FastVariantsTransposes))]
    [Trait("Category", EveryVariant)]
    public void Multiply_SameBitsForAnyThreadCount(KernelMode variant, bool transposeA, bool transposeB)
    {
        // Wide C splits by columns, tall C by rows; both are past the threading threshold.
        SameBitsForAnyThreadCount<float>(variant, 200, 700, 300, transposeA, transposeB);
        SameBitsForAnyThreadCount<float>(variant, 700, 90, 300, transposeA, transposeB);
        SameBitsForAnyThreadCount<double>(variant, 150, 400, 300, transposeA, transposeB);

        // Few rows: the row-streaming kernel, split by columns (B not transposed), or the blocked one (transposed).
        SameBitsForAnyThreadCount<float>(variant, 3, 1500, 400, transposeA, transposeB);
        SameBitsForAnyThreadCount<double>(variant, 1, 700, 900, transposeA, transposeB);
    }

    // The row-streaming kernel (few rows, B read in place): every row count 1..8 on shapes whose columns cross
    // whole strips, partial strips and a partial vector, with k past kc; both transposes of A, accumulate on/off.
    public static TheoryData<KernelMode, int, int, int> RowStreamingShapes()
    {
        var data = new TheoryData<KernelMode, int, int, int>();
        foreach (var variant in KernelRegistry.Available.Where(v => v.Mode != KernelMode.Reference))
        {
            for (int m = 1; m <= 8; m++)
            {
                data.Add(variant.Mode, m, 256, 784);
                data.Add(variant.Mode, m, 10, 128);
                data.Add(variant.Mode, m, 1000, 1000);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RowStreamingShapes))]
    [Trait("Category", EveryVariant)]
    public void MultiplyRowStreaming_MatchesReference_AndBlockedBitForBit(KernelMode variant, int m, int n, int k)
    {
        foreach (bool transposeA in new[] { false, true })
        {
            foreach (bool accumulate in new[] { false, true })
            {
                RowStreamingAgainstReferenceAndBlocked<float>(variant, m, n, k, transposeA, accumulate);
                RowStreamingAgainstReferenceAndBlocked<double>(variant, m, Math.Min(n, 300), Math.Min(k, 300), transposeA, accumulate);
            }
        }
    }

    [Theory]
    [MemberData(nameof(FastVariantsTransposes))]
    [Trait("Category", EveryVariant)]
    public void MultiplyRowStreaming_AnyRowCount_MatchesReference_AtSizes0To70(KernelMode variant, bool transposeA, bool accumulate)
    {
        // The kernel is only dispatched for few rows, but it is correct for any m.
        if (variant == KernelMode.Reference)
        {
            return;
        }

        foreach (var (m, n, k) in SmallShapes())
        {
            RowStreamingAgainstReferenceAndBlocked<float>(variant, m, n, k, transposeA, accumulate);
            RowStreamingAgainstReferenceAndBlocked<double>(variant, m, n, k, transposeA, accumulate);
        }
    }

    [Fact]
    public async Task Multiply_ConcurrentCallers_EachGetTheirOwnResult()
    {
        // Four threads share the pool (one wins it per product, the others run alone): nobody deadlocks, and
        // every result has the bits of a single-threaded run.
        const int M = 150, N = 200, K = 300, Calls = 15;
        var random = new Random(42);
        float[] a = RandomValues<float>(random, M * K), b = RandomValues<float>(random, K * N), expected = new float[M * N];
        Gemm.Multiply<float>(KernelRegistry.Best, 1, a, b, expected, M, N, K, false, false, false);
        var callers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            var c = new float[M * N];
            for (int call = 0; call < Calls; call++)
            {
                c.AsSpan().Fill(float.NaN);
                Gemm.Multiply<float>(KernelRegistry.Best, 2, a, b, c, M, N, K, false, false, false);
                Assert.True(c.AsSpan().SequenceEqual(expected), "a concurrent caller got a different result");
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 7)]
    [InlineData(64, 256, 784)]
    public void Multiply_Dispatcher_MatchesReference(int m, int n, int k)
    {
        var random = new Random(42);
        float[] a = RandomValues<float>(random, m * k), b = RandomValues<float>(random, k * n);
        float[] expected = new float[m * n], actual = new float[m * n];
        Gemm.MultiplyReference<float>(a, b, expected, m, n, k, false, false, false);
        Gemm.Multiply<float>(a, b, actual, m, n, k);
        AssertClose.Scaled(ToDouble<float>(expected), ToDouble<float>(actual), Magnitude<float>(a, b, null, m, n, k, false, false),
            Tolerances.GemmFloat32PerSqrtK * Math.Sqrt(k), $"C of {m}×{n}×{k}");
    }

    [Fact]
    public void Multiply_ThrowsOnShortBuffers()
    {
        var error = Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(new float[5], new float[6], new float[6], 2, 3, 3));
        Assert.Contains("m=2, n=3, k=3", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(new float[6], new float[6], new float[6], -1, 3, 3));
    }

    // Each dimension sweeps every size 0..70 (crossing every register-tile and vector remainder) while the other
    // two take seeded random sizes in the same range: 213 shapes instead of 71³.
    private static IEnumerable<(int M, int N, int K)> SmallShapes()
    {
        var random = new Random(42);
        for (int size = 0; size <= 70; size++)
        {
            yield return (size, random.Next(71), random.Next(71));
            yield return (random.Next(71), size, random.Next(71));
            yield return (random.Next(71), random.Next(71), size);
        }
    }

    private static void CheckAgainstReference<T>(KernelMode variant, int maxThreads, int m, int n, int k, bool transposeA, bool transposeB, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(42);
        T[] a = WithSlack(RandomValues<T>(random, m * k)), b = WithSlack(RandomValues<T>(random, k * n));
        T[] initial = accumulate ? RandomValues<T>(random, m * n) : Enumerable.Repeat(T.NaN, m * n).ToArray();
        T[] expected = WithSlack(initial), actual = WithSlack(initial);

        Reference(a, b, expected, m, n, k, transposeA, transposeB, accumulate);
        Gemm.Multiply<T>(variant, maxThreads, a, b, actual, m, n, k, transposeA, transposeB, accumulate);

        string what = $"{variant} {typeof(T).Name} C of m={m} n={n} k={k} transposeA={transposeA} transposeB={transposeB} accumulate={accumulate}";
        double tolerance = typeof(T) == typeof(float) ? Tolerances.GemmFloat32PerSqrtK * Math.Sqrt(Math.Max(k, 1)) : Tolerances.GemmFloat64;
        AssertClose.Scaled(ToDouble<T>(expected.AsSpan(0, m * n)), ToDouble<T>(actual.AsSpan(0, m * n)),
            Magnitude<T>(a, b, accumulate ? initial : null, m, n, k, transposeA, transposeB), tolerance, what);
        Assert.True(actual.AsSpan(m * n).ToArray().All(T.IsNaN), $"{what}: the slack past C's end was written.");
    }

    private static void RowStreamingAgainstReferenceAndBlocked<T>(KernelMode variant, int m, int n, int k, bool transposeA, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(42);
        T[] a = WithSlack(RandomValues<T>(random, m * k)), b = WithSlack(RandomValues<T>(random, k * n));
        T[] initial = accumulate ? RandomValues<T>(random, m * n) : Enumerable.Repeat(T.NaN, m * n).ToArray();
        T[] expected = WithSlack(initial), actual = WithSlack(initial), blocked = WithSlack(initial);

        Reference(a, b, expected, m, n, k, transposeA, false, accumulate);
        Gemm.MultiplyRowStreaming<T>(a, b, actual, m, n, k, transposeA, accumulate, variant, maxThreads: 2); // split by columns past 0.25 MFLOP
        Gemm.MultiplyBlocked<T>(a, b, blocked, m, n, k, transposeA, false, accumulate, variant, 1);

        string what = $"{variant} row streaming {typeof(T).Name} C of m={m} n={n} k={k} transposeA={transposeA} accumulate={accumulate}";
        double tolerance = typeof(T) == typeof(float) ? Tolerances.GemmFloat32PerSqrtK * Math.Sqrt(Math.Max(k, 1)) : Tolerances.GemmFloat64;
        AssertClose.Scaled(ToDouble<T>(expected.AsSpan(0, m * n)), ToDouble<T>(actual.AsSpan(0, m * n)),
            Magnitude<T>(a, b, accumulate ? initial : null, m, n, k, transposeA, false), tolerance, what);
        Assert.True(actual.AsSpan(m * n).ToArray().All(T.IsNaN), $"{what}: the slack past C's end was written.");
        int first = blocked.AsSpan(0, m * n).CommonPrefixLength(actual.AsSpan(0, m * n));
        Assert.True(first == m * n, $"{what}: C[{first}] differs from the blocked kernel's bits.");
    }

    // The reference product for these seeded inputs, computed once and shared by every variant's test: the inputs
    // depend only on the shape and flags (a fresh Random(42) per call), and the plain loops are most of the run time.
    private static readonly ConcurrentDictionary<(Type, int, int, int, bool, bool, bool), Array> ReferenceResults = new();

    private static void Reference<T>(T[] a, T[] b, T[] c, int m, int n, int k, bool transposeA, bool transposeB, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = (T[])ReferenceResults.GetOrAdd((typeof(T), m, n, k, transposeA, transposeB, accumulate), _ =>
        {
            T[] computed = (T[])c.Clone();
            Gemm.MultiplyReference<T>(a, b, computed, m, n, k, transposeA, transposeB, accumulate);
            return computed;
        });
        result.CopyTo(c, 0);
    }

    private static void SameBitsForAnyThreadCount<T>(KernelMode variant, int m, int n, int k, bool transposeA, bool transposeB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(42);
        T[] a = RandomValues<T>(random, m * k), b = RandomValues<T>(random, k * n), initial = RandomValues<T>(random, m * n);
        T[] oneThread = (T[])initial.Clone();
        Gemm.Multiply<T>(variant, 1, a, b, oneThread, m, n, k, transposeA, transposeB, accumulate: true);
        foreach (int threads in new[] { 2, 3 })
        {
            T[] several = (T[])initial.Clone();
            Gemm.Multiply<T>(variant, threads, a, b, several, m, n, k, transposeA, transposeB, accumulate: true);
            int first = oneThread.AsSpan().CommonPrefixLength(several);
            Assert.True(first == oneThread.Length,
                $"{variant} {typeof(T).Name} {m}×{n}×{k}: with {threads} threads C[{first}] = {(first < several.Length ? several[first] : default)} differs from one thread's {(first < oneThread.Length ? oneThread[first] : default)}.");
        }
    }

    // Σ|a||b| (+ |C| when accumulating) per element of C, in double: the scale of each result's rounding error.
    private static double[] Magnitude<T>(T[] a, T[] b, T[]? initial, int m, int n, int k, bool transposeA, bool transposeB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] absA = a.Select(v => Math.Abs(double.CreateChecked(v))).ToArray();
        double[] absB = b.Select(v => Math.Abs(double.CreateChecked(v))).ToArray();
        double[] magnitude = initial is null ? new double[m * n] : initial.Select(v => Math.Abs(double.CreateChecked(v))).ToArray();
        Gemm.MultiplyReference<double>(absA, absB, magnitude, m, n, k, transposeA, transposeB, accumulate: true);
        return magnitude;
    }

    internal static T[] RandomValues<T>(Random random, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = T.CreateTruncating((random.NextDouble() * 2) - 1);
        }

        return values;
    }

    private static T[] WithSlack<T>(T[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var padded = new T[values.Length + Slack];
        padded.AsSpan().Fill(T.NaN);
        values.CopyTo(padded, 0);
        return padded;
    }

    private static double[] ToDouble<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = double.CreateChecked(values[i]);
        }

        return result;
    }
}
