using Perceptron.Kernels;

namespace Perceptron.Tests.Kernels;

public class KernelRegistryTests
{
    [Fact]
    public void Available_EndsWithReference_EachWithAReason()
    {
        Assert.Equal(KernelMode.Reference, KernelRegistry.Available[^1].Mode);
        Assert.Equal(KernelRegistry.Available[0].Mode, KernelRegistry.Best);
        Assert.DoesNotContain(KernelRegistry.Available, v => v.Mode == KernelMode.Auto);
        Assert.All(KernelRegistry.Available, v => Assert.False(string.IsNullOrWhiteSpace(v.Reason)));
        Assert.Equal(KernelRegistry.Available.Count, KernelRegistry.Available.Select(v => v.Mode).Distinct().Count());
    }

    [Fact]
    public void Available_WiderVectorsFirst_Vector128WhereverFmaIsAccelerated()
    {
        // Auto takes the first entry, so the order is what picks Vector128 exactly when no wider variant runs here.
        KernelMode[] preference = [KernelMode.Vector512, KernelMode.Vector256, KernelMode.Vector128, KernelMode.Reference];
        int[] ranks = [.. KernelRegistry.Available.Select(v => Array.IndexOf(preference, v.Mode))];
        Assert.Equal(ranks.Order(), ranks);
        bool fma = System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported;
        Assert.Equal(System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated && fma, KernelRegistry.IsAvailable(KernelMode.Vector128));
    }

    [Theory]
    [InlineData("vector128")]
    [InlineData("Vector256")]
    [InlineData("VECTOR512")]
    public void ParseMode_AvailableVariant_ParsesOtherwiseNamesWhatIsAvailable(string value)
    {
        KernelMode mode = Enum.Parse<KernelMode>(value, ignoreCase: true);
        if (KernelRegistry.IsAvailable(mode))
        {
            Assert.Equal(mode, KernelRegistry.ParseMode(value));
        }
        else
        {
            var error = Assert.Throws<InvalidOperationException>(() => KernelRegistry.ParseMode(value));
            Assert.Contains("available here", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null, KernelMode.Auto)]
    [InlineData("", KernelMode.Auto)]
    [InlineData("reference", KernelMode.Reference)]
    [InlineData("Reference", KernelMode.Reference)]
    [InlineData(" Auto ", KernelMode.Auto)]
    public void ParseMode_AcceptsModeNames(string? value, KernelMode expected) => Assert.Equal(expected, KernelRegistry.ParseMode(value));

    [Theory]
    [InlineData("Vector1024")]
    [InlineData("2")]
    [InlineData("fast")]
    public void ParseMode_UnknownName_ThrowsNamingTheVariable(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => KernelRegistry.ParseMode(value));
        Assert.Contains("PERCEPTRON_KERNEL=" + value, error.Message, StringComparison.Ordinal);
    }
}
