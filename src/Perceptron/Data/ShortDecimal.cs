namespace Perceptron.Data;

/// <summary>Parses the plain decimals that make up most CSV files ("-0.123457", "1.5e-05", "42") without the general
/// number parser, to exactly the double that <see cref="double.Parse(ReadOnlySpan{char}, IFormatProvider?)"/> returns.</summary>
/// <remarks>
/// Clinger's fast path: a decimal m × 10^e whose digits m fit in 53 bits and whose |e| ≤ 22 is one exact integer times
/// or divided by one exact power of ten, so a single IEEE multiplication or division rounds it correctly, as the full
/// parser does. Anything else (more digits, a larger exponent, other characters, "NaN", "∞") is declined, and the caller
/// falls back to <see cref="double.TryParse(ReadOnlySpan{char}, System.Globalization.NumberStyles, IFormatProvider?, out double)"/>.
/// </remarks>
internal static class ShortDecimal
{
    /// <summary>Most significant digits taken: 10^15 &lt; 2^53, so such a mantissa is an exact double.</summary>
    private const int MaxDigits = 15;

    /// <summary>The powers of ten that are exact doubles (10^22 is the last).</summary>
    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>Parses <c>[+-]digits[point digits][(e|E)[+-]digits]</c> (at least one mantissa digit, nothing around it).</summary>
    /// <param name="text">The trimmed cell.</param>
    /// <param name="point">The decimal separator.</param>
    /// <param name="value">The correctly rounded value, when parsed.</param>
    /// <returns><see langword="false"/> when the text is not such a decimal or is beyond the fast path: parse it the general way.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, char point, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (text.Length > 0 && text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            i = 1;
        }

        // Integer part, then fraction; leading zeros are not significant digits. The digits accumulate even past
        // MaxDigits (the ulong may wrap) because such a number is declined below anyway.
        int first = i;
        while (i < text.Length && text[i] == '0')
        {
            i++;
        }

        ulong mantissa = 0;
        int significantStart = i;
        i = AccumulateDigits(text, i, ref mantissa);
        int significant = i - significantStart;
        int mantissaDigits = i - first;
        int scale = 0;
        if (i < text.Length && text[i] == point)
        {
            int fractionStart = ++i;
            while (significant == 0 && i < text.Length && text[i] == '0')
            {
                i++;
            }

            significantStart = i;
            i = AccumulateDigits(text, i, ref mantissa);
            significant += i - significantStart;
            scale = fractionStart - i;
            mantissaDigits += i - fractionStart;
        }

        if (mantissaDigits == 0 || significant > MaxDigits)
        {
            return false;
        }

        if (i < text.Length && !TryParseExponent(text[i..], ref scale))
        {
            return false;
        }

        if (mantissa == 0)
        {
            value = negative ? -0.0 : 0.0;
            return true;
        }

        if (scale is < -22 or > 22)
        {
            return false;
        }

        double exact = mantissa;
        value = scale >= 0 ? exact * PowersOfTen[scale] : exact / PowersOfTen[-scale];
        value = negative ? -value : value;
        return true;
    }

    /// <summary>Appends the decimal digits from <paramref name="i"/> on to <paramref name="mantissa"/>.</summary>
    /// <returns>The index of the first character that is not a digit.</returns>
    private static int AccumulateDigits(ReadOnlySpan<char> text, int i, ref ulong mantissa)
    {
        for (; i < text.Length; i++)
        {
            uint digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                break;
            }

            mantissa = unchecked((mantissa * 10) + digit);
        }

        return i;
    }

    /// <summary>Adds an exponent such as "e-05" to <paramref name="scale"/>; false if it is not one (or is implausibly long).</summary>
    private static bool TryParseExponent(ReadOnlySpan<char> text, ref int scale)
    {
        if (text.Length < 2 || text[0] is not ('e' or 'E'))
        {
            return false;
        }

        int i = 1;
        bool negative = false;
        if (text[1] is '-' or '+')
        {
            negative = text[1] == '-';
            i = 2;
        }

        // At most 4 digits: a larger exponent is beyond the fast path anyway (and cannot overflow an int here).
        if (i == text.Length || text.Length - i > 4)
        {
            return false;
        }

        int exponent = 0;
        for (; i < text.Length; i++)
        {
            uint digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                return false;
            }

            exponent = exponent * 10 + (int)digit;
        }

        scale += negative ? -exponent : exponent;
        return true;
    }
}
