using System.Globalization;

namespace Perceptron.Cli;

/// <summary>Numbers for tables and progress lines, at a width that fits a column whatever their size.</summary>
internal static class NumberText
{
    /// <summary>Four decimals between 1e−4 and 1e6 (0.9667, 1234.5678); scientific with three significant digits outside
    /// (−7.07e+21, 3.10e−07), so a diverged value stays one short cell; "n/a" for an undefined metric (NaN).</summary>
    public static string Metric(double value)
    {
        double magnitude = Math.Abs(value);
        return value switch
        {
            double.NaN => "n/a",
            double.PositiveInfinity => "∞",
            double.NegativeInfinity => "−∞",
            0 => "0",
            _ when magnitude is >= 1e-4 and < 1e6 => value.ToString("0.0000", CultureInfo.InvariantCulture),
            _ => value.ToString("0.00e+00", CultureInfo.InvariantCulture),
        };
    }
}
