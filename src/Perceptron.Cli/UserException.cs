namespace Perceptron.Cli;

/// <summary>An error caused by the user's input, reported as one line on stderr without a stack trace.</summary>
internal sealed class UserException(string message, int exitCode = CliApp.Failure, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The process exit code to return.</summary>
    public int ExitCode { get; } = exitCode;
}
