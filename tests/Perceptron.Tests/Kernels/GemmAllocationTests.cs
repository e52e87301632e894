using Perceptron.Kernels;
using Perceptron.Tests.Support;

namespace Perceptron.Tests.Kernels;

/// <summary>
/// A warmed-up matrix product allocates nothing: not on the calling thread, whether it runs there alone or split
/// over the worker pool. Alone in the process and without tiered compilation, for the reasons given on
/// <see cref="Training.FitAllocationTests"/>.
/// </summary>
[Collection(ProcessAloneCollection.Name)]
public class GemmAllocationTests
{
    [Fact]
    public void Multiply_SingleRow_AllocatesNothingAfterWarmUp()
    {
        // Single-sample inference's products, through the public dispatcher (the row-streaming kernel).
        AssertNoAllocation(1, 256, 784, (a, b, c) => Gemm.Multiply<float>(a, b, c, 1, 256, 784));
        AssertNoAllocation(3, 10, 128, (a, b, c) => Gemm.Multiply<float>(a, b, c, 3, 10, 128, accumulate: true));
    }

    [Fact]
    public void Multiply_AllocatesNothingAfterWarmUp()
    {
        // The MNIST forward product through the public dispatcher, then a large product split over threads.
        AssertNoAllocation(64, 256, 784, (a, b, c) => Gemm.Multiply<float>(a, b, c, 64, 256, 784));
        AssertNoAllocation(512, 512, 512, (a, b, c) => Gemm.Multiply<float>(KernelRegistry.Best, 2, a, b, c, 512, 512, 512, false, true, true));
    }

    [Fact]
    public void TheMeasurement_FailsForACallThatAllocates()
    {
        // The rounds forgive a one-time growth, not an allocation in every call.
        var error = Assert.ThrowsAny<Exception>(() => AssertNoAllocation(4, 4, 4, (a, b, c) =>
        {
            Gemm.Multiply<float>(a, b, c, 4, 4, 4);
            GC.KeepAlive(new byte[100]);
        }));
        Assert.Contains("every round of 5 warmed-up calls allocated", error.Message, StringComparison.Ordinal);
    }

    private static void AssertNoAllocation(int m, int n, int k, Action<float[], float[], float[]> multiply)
    {
        var random = new Random(42);
        float[] a = GemmTests.RandomValues<float>(random, m * k), b = GemmTests.RandomValues<float>(random, k * n), c = new float[m * n];
        for (int i = 0; i < 3; i++)
        {
            multiply(a, b, c); // warm up: packing buffers, worker threads, first-call initialisation
        }

        // The same product alone on this thread too: that is what a call does when the pool is busy with another
        // caller's product, and it needs a larger packing buffer than one part of a split product.
        Gemm.Multiply<float>(KernelRegistry.Best, 1, a, b, c, m, n, k, false, false, false);

        // Up to five rounds of five calls; one must allocate nothing. A buffer grown once on a path the warm-up
        // missed (a background thread of an earlier test holding the pool, say) shows in one round only; an
        // allocation in every call shows in every round.
        var rounds = new List<long>(capacity: 5);
        for (int round = 0; round < 5 && (rounds.Count == 0 || rounds[^1] != 0); round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5; i++)
            {
                multiply(a, b, c);
            }

            rounds.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.True(rounds[^1] == 0, $"{m}×{n}×{k}: every round of 5 warmed-up calls allocated ({string.Join(", ", rounds)} bytes); expected none.");
    }
}
