using System.Globalization;

namespace Perceptron.Tests.Support;

/// <summary>Element-wise comparisons that report the worst element, its index and both values.</summary>
internal static class AssertClose
{
    /// <summary>Asserts |expected − actual| ≤ absolute + relative·|expected| for every element.</summary>
    public static void Values(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double absolute, double relative = 0, string what = "values")
    {
        Assert.Equal(expected.Count, actual.Count);
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            double allowed = absolute + relative * Math.Abs(expected[i]);
            double difference = Math.Abs(expected[i] - actual[i]);
            double excess = double.IsNaN(difference) ? double.PositiveInfinity : difference - allowed;
            if (excess > worstExcess)
            {
                worst = i;
                worstExcess = excess;
            }
        }

        if (worst >= 0)
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{what}[{worst}]: expected {expected[worst]:R}, actual {actual[worst]:R}, difference {Math.Abs(expected[worst] - actual[worst]):E3} exceeds the tolerance (absolute {absolute:E1}, relative {relative:E1})."));
        }
    }

    /// <summary>Compares two matrices element by element.</summary>
    public static void Matrix(double[,] expected, double[,] actual, double absolute, double relative = 0, string what = "matrix")
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        Values(Flatten(expected), Flatten(actual), absolute, relative, what);
    }

    /// <summary>The matrix's elements in row-major order.</summary>
    public static double[] Flatten(double[,] matrix) => matrix.Cast<double>().ToArray();

    /// <summary>Asserts |expected − actual| ≤ relative·scale for every element, where scale is each element's own
    /// magnitude (e.g. Σ|a||b| for a dot product), so small results of large terms get a fair tolerance.</summary>
    public static void Scaled(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, ReadOnlySpan<double> scale, double relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        int worst = -1;
        double worstExcess = 0, maxDifference = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs(expected[i] - actual[i]);
            double excess = double.IsNaN(difference) ? double.PositiveInfinity : difference - (relative * scale[i]);
            maxDifference = Math.Max(maxDifference, difference);
            if (excess > worstExcess)
            {
                worst = i;
                worstExcess = excess;
            }
        }

        if (worst >= 0)
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{what}[{worst}]: expected {expected[worst]:R}, actual {actual[worst]:R}, difference {Math.Abs(expected[worst] - actual[worst]):E3} exceeds {relative:E1} × scale {scale[worst]:E3} (max difference {maxDifference:E3})."));
        }
    }
}
