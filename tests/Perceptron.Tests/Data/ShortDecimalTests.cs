using System.Globalization;
using Perceptron.Data;

namespace Perceptron.Tests.Data;

public class ShortDecimalTests
{
    public static TheoryData<string> Decimals =>
    [
        "0", "-0", "+0", "0.0", "-0.0", "00", "007", "1", "-1", "+1", "1.", ".5", "-.5", "+.5", "0.5", "10.05", "0.0012",
        "-0.123457", "1.23457e-05", "1.23457E+05", "1e5", "1e-5", "1E0", "2.5e+00", "123456789012345", "0.123456789012345",
        "999999999999999e22", "1e22", "1e-22", "1e23", "1e-23", "4.9e-324", "1.7976931348623157e308", "0e999", "-0e-5",
        "9007199254740993", "1234567890123456", "0.1", "0.2", "0.3", "3.4028235e38", "1e39", "0.30000000000000004",
        "12345.678e-3", "1e0005", "1e10000", "1e", "1e+", "e5", ".", "-", "+", "", "1.2.3", "1,5", "--1", "1-", "1e5.5",
        "NaN", "Infinity", "-Infinity", "∞", "1 ", " 1", "0x10", "١", "1_000", "1e-0400",
    ];

    [Theory]
    [MemberData(nameof(Decimals))]
    public void TryParse_WhenItAccepts_GivesTheGeneralParsersDouble(string text)
    {
        bool fast = ShortDecimal.TryParse(text, '.', out double value);
        bool general = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double expected);

        // Declining is always allowed (the caller falls back); accepting must agree bit for bit.
        if (fast)
        {
            Assert.True(general, $"accepted '{text}', which the general parser refuses");
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
        }
    }

    [Theory]
    [InlineData("-0.123457")]
    [InlineData("1.23457e-05")]
    [InlineData("42")]
    [InlineData(".5")]
    public void TryParse_PlainDecimals_AreTakenOnTheFastPath(string text) =>
        Assert.True(ShortDecimal.TryParse(text, '.', out _));

    [Theory]
    [InlineData("1234567890123456")]      // 16 significant digits: may exceed 2^53
    [InlineData("1e23")]                  // 10^23 is not an exact double
    [InlineData("NaN")]
    [InlineData("1,5")]
    public void TryParse_BeyondTheFastPath_Declines(string text) =>
        Assert.False(ShortDecimal.TryParse(text, '.', out _));

    [Fact]
    public void TryParse_DecimalComma_ReadsCommaAndDeclinesPoint()
    {
        Assert.True(ShortDecimal.TryParse("-1,25", ',', out double value));
        Assert.Equal(-1.25, value);
        Assert.False(ShortDecimal.TryParse("1.25", ',', out _));
    }

    [Fact]
    public void TryParse_RandomNumbersInCommonFormats_MatchTheGeneralParser()
    {
        var random = new Random(42);
        string[] formats = ["G6", "G9", "G15", "G17", "R", "E3", "F2", "F8", "0.###############"];
        for (int n = 0; n < 20_000; n++)
        {
            double x = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30));
            string text = x.ToString(formats[n % formats.Length], CultureInfo.InvariantCulture);
            bool general = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double expected);
            if (ShortDecimal.TryParse(text, '.', out double value))
            {
                Assert.True(general, text);
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), $"'{text}': {value:R} instead of {expected:R}");
                Assert.Equal(BitConverter.SingleToInt32Bits((float)expected), BitConverter.SingleToInt32Bits((float)value));
            }
        }
    }
}
