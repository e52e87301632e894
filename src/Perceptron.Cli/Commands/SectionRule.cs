using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>A horizontal rule with an optional heading: Spectre's across a terminal, a fixed-width line of text otherwise
/// (a file or a pipe gets a console that never wraps, which a Spectre rule would fill with 100,000 dashes).</summary>
internal static class SectionRule
{
    /// <summary>The width of the rule written when the output is not a terminal.</summary>
    public const int PlainWidth = 100;

    public static void Write(IAnsiConsole console, string? heading = null)
    {
        if (console.Profile.Width < CliConsole.UnwrappedWidth)
        {
            console.Write((heading is null ? new Rule() : new Rule($"[yellow]{Markup.Escape(heading)}[/]")).LeftJustified());
            return;
        }

        string start = heading is null ? "" : $"── {heading} ";
        console.Profile.Out.Writer.WriteLine(start + new string('─', Math.Max(2, PlainWidth - start.Length)));
    }
}
