using System.Globalization;

namespace Perceptron.Data;

/// <summary>Parses one CSV cell as a finite float and, when it is not one, says why in words.</summary>
internal static class NumberCell
{
    /// <summary>Invariant-culture decimal or exponent notation, optional sign, surrounding spaces; no thousands separators.</summary>
    private const NumberStyles Style = NumberStyles.Float;

    /// <summary>Parses <paramref name="text"/> as a finite float.</summary>
    /// <returns><see langword="null"/> on success; otherwise the problem, ready for an error message.</returns>
    public static string? TryParse(ReadOnlySpan<char> text, out float value)
    {
        value = 0;
        if (!TryParseDouble(text, out double number, out string? problem))
        {
            return problem;
        }

        // Parse as double first: a float parse would silently turn 1e39 into ∞ and lose the reason.
        value = (float)number;
        return float.IsFinite(value) ? null : $"{MessageText.Quote(text)} is outside the float range (about ±3.4e38)";
    }

    /// <summary>Parses <paramref name="text"/> as a finite double.</summary>
    /// <returns><see langword="false"/> with <paramref name="problem"/> set when it is empty, not a number or not finite.</returns>
    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value, out string? problem)
    {
        if (!double.TryParse(text, Style, CultureInfo.InvariantCulture, out value))
        {
            problem = text.IsWhiteSpace() ? "missing value (empty cell)" : $"expected a number, found {MessageText.Quote(text)}";
            return false;
        }

        problem = double.IsFinite(value) ? null : $"{MessageText.Quote(text)} is not a finite number (NaN, infinity or beyond ±1.8e308)";
        return problem is null;
    }
}
