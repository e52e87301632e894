namespace Perceptron.Cli;

/// <summary>An exception's message as the one line the user sees: without the parameter names and values .NET appends
/// for developers, and with line breaks folded.</summary>
internal static class ErrorText
{
    public static string OneLine(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string message = exception.Message;

        // ArgumentException appends " (Parameter 'name')", and ArgumentOutOfRangeException then "Actual value was …" on a
        // new line: both are for the developer who called the library, not for the user of the tool.
        if (exception is ArgumentException { ParamName: { } name })
        {
            int suffix = message.IndexOf($" (Parameter '{name}')", StringComparison.Ordinal);
            message = suffix >= 0 ? message[..suffix] : message;
        }

        return string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
