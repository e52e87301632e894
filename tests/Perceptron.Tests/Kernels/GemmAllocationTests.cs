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

    private static void AssertNoAllocation(int m, int n, int k, Action<float[], float[], float[]> multiply)
    {
        var random = new Random(42);
        float[] a = GemmTests.RandomValues<float>(random, m * k), b = GemmTests.RandomValues<float>(random, k * n), c = new float[m * n];
        for (int i = 0; i < 3; i++)
        {
            multiply(a, b, c); // warm up: packing buffers, worker threads, first-call initialisation
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
        {
            multiply(a, b, c);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{m}×{n}×{k}: 5 warmed-up calls allocated {allocated} bytes; expected none.");
    }
}
