using System.Globalization;

namespace Perceptron.Data;

/// <summary>Formats parts of error messages: the same on every machine, and always one line.</summary>
internal static class MessageText
{
    /// <summary>A count with invariant thousands separators ("100,000"), whatever the current culture.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Count(long)"/>
    public static string Count(Int128 value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Text (a cell or a name) in quotes, shortened and with control characters shown as '?', for one-line messages.</summary>
    public static string Quote(ReadOnlySpan<char> text)
    {
        const int MaxShown = 40;
        ReadOnlySpan<char> shown = text.Length > MaxShown ? text[..MaxShown] : text;
        var chars = shown.ToArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]))
            {
                chars[i] = '?';
            }
        }

        return $"'{new string(chars)}{(text.Length > MaxShown ? "…" : "")}'";
    }
}
