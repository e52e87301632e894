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
