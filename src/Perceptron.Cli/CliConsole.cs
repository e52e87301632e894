using Spectre.Console;

namespace Perceptron.Cli;

/// <summary>The console the commands write to: the terminal as it is, or, when output goes to a file or a pipe, a plain one
/// that never wraps (Spectre would otherwise break lines at 80 columns, mid-sentence and mid-table).</summary>
internal static class CliConsole
{
    /// <summary>The width given to a console that is not a terminal: wide enough that no line wraps.</summary>
    public const int UnwrappedWidth = 100_000;

    /// <summary>The console for this process's standard output.</summary>
    public static IAnsiConsole Create() => Console.IsOutputRedirected ? Unwrapped(Console.Out) : AnsiConsole.Console;

    /// <summary>A console writing plain text (no colours, no cursor movement, no wrapping) to <paramref name="writer"/>.</summary>
    public static IAnsiConsole Unwrapped(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = UnwrappedWidth;
        return console;
    }
}
