using Perceptron.Cli;
using Spectre.Console.Testing;

namespace Perceptron.Playground.Tests.Support;

/// <summary>Runs the real CLI entry point in-process.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var console = new TestConsole().Width(200);
        using var error = new StringWriter();
        int exitCode = CliApp.Run(args, console, error);
        return (exitCode, console.Output, error.ToString());
    }
}
