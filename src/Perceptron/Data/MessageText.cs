using System.Globalization;

namespace Perceptron.Data;

/// <summary>Formats parts of error messages: the same on every machine, and always one line.</summary>
internal static class MessageText
{
    /// <summary>A count with invariant thousands separators ("100,000"), whatever the current culture.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Count(long)"/>
    public static string Count(Int128 value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// An argument exception's own message, without what .NET appends to it (" (Parameter 'name')" and a line "Actual
    /// value was …"): for messages that reach a person, who typed a file or an option, not a parameter.
    /// </summary>
    public static string Plain(ArgumentException exception)
    {
        // .NET appends the tail in its own words: build the same tail around a marker and cut it off.
        string tail = exception is ArgumentOutOfRangeException { ActualValue: { } actual }
            ? new ArgumentOutOfRangeException(exception.ParamName, actual, "|").Message[1..]
            : new ArgumentException("|", exception.ParamName).Message[1..];
        string message = exception.Message;
        return tail.Length > 0 && message.EndsWith(tail, StringComparison.Ordinal) ? message[..^tail.Length] : message;
    }

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
