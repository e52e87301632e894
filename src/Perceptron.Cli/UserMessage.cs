namespace Perceptron.Cli;

/// <summary>An exception's message as the person at the terminal should read it: one line, none of .NET's additions.</summary>
internal static class UserMessage
{
    /// <summary>
    /// The message without what .NET appends to argument exceptions (" (Parameter 'name')" and a line "Actual value
    /// was …": the person typed an option or a file, not a parameter), with line breaks shown as spaces.
    /// </summary>
    public static string Of(Exception exception)
    {
        string message = exception.Message;
        if (exception is ArgumentException argument)
        {
            // .NET appends the tail in its own words: build the same tail around a marker and cut it off.
            string tail = argument is ArgumentOutOfRangeException { ActualValue: { } actual }
                ? new ArgumentOutOfRangeException(argument.ParamName, actual, "|").Message[1..]
                : new ArgumentException("|", argument.ParamName).Message[1..];
            message = tail.Length > 0 && message.EndsWith(tail, StringComparison.Ordinal) ? message[..^tail.Length] : message;
        }

        return string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }
}
