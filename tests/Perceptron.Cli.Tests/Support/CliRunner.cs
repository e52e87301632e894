using System.Text.Json;
using Spectre.Console.Testing;

namespace Perceptron.Cli.Tests.Support;

/// <summary>Runs the real CLI entry point in-process and captures what it writes.</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        var console = new TestConsole().Width(200);
        using var error = new StringWriter();
        int exitCode = CliApp.Run(args, console, error);
        return new CliResult(exitCode, console.Output, error.ToString());
    }

    /// <summary>A data file copied beside the tests.</summary>
    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);
}

/// <summary>The outcome of one CLI run.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The output parsed as the one JSON object that --json prints.</summary>
    public JsonElement Json()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}: {Error}");
        using var document = JsonDocument.Parse(Output);
        return document.RootElement.Clone();
    }
}
