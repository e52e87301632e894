using Perceptron.Kernels;
using Perceptron.Tests.Support;

namespace Perceptron.Tests;

/// <summary>The process-wide settings. Alone in the process: setting a kernel variant switches every caller's.</summary>
[Collection(ProcessAloneCollection.Name)]
public class EngineTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(Engine.MaxThreadsLimit + 1)]
    public void MaxThreads_OutOfRange_Throws(int value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Engine.MaxThreads = value);
        Assert.Contains($"received {value}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxThreads_DefaultsToAtLeastOne() => Assert.InRange(Engine.MaxThreads, 1, Engine.MaxThreadsLimit);

    [Fact]
    public void KernelMode_Undefined_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Engine.KernelMode = (KernelMode)42);

    [Fact]
    public void KernelMode_AcceptsEveryAvailableVariant()
    {
        KernelMode original = Engine.KernelMode;
        try
        {
            foreach (var variant in Perceptron.Kernels.KernelRegistry.Available)
            {
                Engine.KernelMode = variant.Mode;
                Assert.Equal(variant.Mode, Engine.KernelMode);
            }
        }
        finally
        {
            Engine.KernelMode = original;
        }
    }
}
