using Perceptron.Initializers;

namespace Perceptron.Tests.Initializers;

public class InitializerTests
{
    public static TheoryData<string, bool, double> Scaled => new()
    {
        // name, uniform?, expected bound (uniform) or standard deviation (normal) for fanIn 200, fanOut 100
        { "glorot_uniform", true, Math.Sqrt(6.0 / 300) },
        { "glorot_normal", false, Math.Sqrt(2.0 / 300) },
        { "he_uniform", true, Math.Sqrt(6.0 / 200) },
        { "he_normal", false, Math.Sqrt(2.0 / 200) },
        { "lecun_uniform", true, Math.Sqrt(3.0 / 200) },
        { "lecun_normal", false, Math.Sqrt(1.0 / 200) },
    };

    [Theory]
    [MemberData(nameof(Scaled))]
    public void Fill_HasTheDocumentedScale(string name, bool uniform, double scale)
    {
        var weights = new double[200 * 100];
        Initializer.FromName(name).Fill<double>(weights, 200, 100, new Random(42));

        double mean = weights.Average();
        double deviation = Math.Sqrt(weights.Select(w => (w - mean) * (w - mean)).Average());
        Assert.InRange(mean, -0.05 * scale, 0.05 * scale);
        if (uniform)
        {
            Assert.All(weights, w => Assert.InRange(w, -scale, scale));
            Assert.Equal(scale / Math.Sqrt(3), deviation, 0.03 * scale); // U(−l, l) has σ = l/√3
        }
        else
        {
            Assert.Equal(scale, deviation, 0.03 * scale);
        }
    }

    [Fact]
    public void Fill_SameSeed_SameValues()
    {
        var first = new float[50];
        var second = new float[50];
        Initializer.HeNormal.Fill<float>(first, 5, 10, new Random(7));
        Initializer.HeNormal.Fill<float>(second, 5, 10, new Random(7));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Uniform01_AndZeros_MatchTheirNames()
    {
        var values = new double[1000];
        Initializer.Uniform01.Fill<double>(values, 10, 100, new Random(1));
        Assert.All(values, v => Assert.InRange(v, 0.0, 1.0 - double.Epsilon));
        Assert.Equal(0.5, values.Average(), 0.05);

        Initializer.Zeros.Fill<double>(values, 10, 100, new Random(1));
        Assert.All(values, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void FromName_UnknownName_ListsTheChoices() =>
        Assert.Contains("glorot_uniform", Assert.Throws<ArgumentException>(() => Initializer.FromName("xavier")).Message, StringComparison.Ordinal);
}
