using System.Globalization;

namespace Perceptron.Data;

/// <summary>Formats counts for error messages the same way on every machine ("100,000"), whatever the culture.</summary>
internal static class Counts
{
    public static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Format(Int128 value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
