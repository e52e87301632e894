using System.Globalization;
using System.Text;
using Perceptron.Explain;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>Shows a <see cref="StepExplanation"/> in the terminal (text and tables) or as Markdown for a lesson.</summary>
internal static class ExplainRenderer
{
    /// <summary>Matrices larger than this in either direction are abbreviated unless <c>--full</c> is given.</summary>
    public const int MaxShown = 8;

    /// <summary>Rows (or columns) kept at the start of an abbreviated matrix; the last one is kept too.</summary>
    private const int HeadShown = 6;

    public static void WriteTerminal(IAnsiConsole console, StepExplanation step, bool full)
    {
        TextWriter output = console.Profile.Out.Writer;
        output.WriteLine(Header(step));
        string? group = null;
        foreach (ExplainedValue value in step.Values)
        {
            string heading = GroupHeading(value);
            if (heading != group)
            {
                group = heading;
                output.WriteLine();
                SectionRule.Write(console, heading);
            }

            output.WriteLine($"{value.Symbol}: {value.Label}");
            output.WriteLine($"    {value.Formula}{Sources(value)}");
            if (value.Note is not null)
            {
                output.WriteLine($"    ({value.Note})");
            }

            if (value.Shape.Count == 0)
            {
                output.WriteLine($"    = {Number(value.Values[0])}");
                continue;
            }

            var (rows, columns, note) = Shown(value, full);
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("");
            foreach (int column in columns)
            {
                table.AddColumn(new TableColumn(column < 0 ? "…" : column.ToString(CultureInfo.InvariantCulture)).RightAligned());
            }

            foreach (int row in rows)
            {
                table.AddRow([row < 0 ? "…" : row.ToString(CultureInfo.InvariantCulture), .. columns.Select(column => row < 0 || column < 0 ? "…" : Number(value[row, column]))]);
            }

            console.Write(table);
            if (note is not null)
            {
                output.WriteLine($"    ({note})");
            }
        }
    }

    public static string Markdown(StepExplanation step, bool full)
    {
        var text = new StringBuilder();
        text.Append("# One training step: ").AppendLine(step.Model).AppendLine();
        text.AppendLine(Header(step)).AppendLine();
        string? group = null;
        foreach (ExplainedValue value in step.Values)
        {
            string heading = GroupHeading(value);
            if (heading != group)
            {
                group = heading;
                text.Append("## ").AppendLine(heading).AppendLine();
            }

            text.Append("**").Append(value.Symbol).Append("**: ").Append(value.Label).Append(". `").Append(value.Formula).Append('`');
            string sources = Sources(value).Trim();
            if (sources.Length > 0)
            {
                text.Append(" — `").Append(sources).Append('`');
            }

            text.AppendLine().AppendLine();
            if (value.Note is not null)
            {
                text.Append("> ").AppendLine(value.Note).AppendLine();
            }

            if (value.Shape.Count == 0)
            {
                text.Append("= ").AppendLine(Number(value.Values[0])).AppendLine();
                continue;
            }

            var (rows, columns, note) = Shown(value, full);
            text.Append("| |").AppendJoin("", columns.Select(c => (c < 0 ? " … " : $" {c} ") + "|")).AppendLine();
            text.Append("|---|").AppendJoin("", columns.Select(_ => "---:|")).AppendLine();
            foreach (int row in rows)
            {
                text.Append("| ").Append(row < 0 ? "…" : row.ToString(CultureInfo.InvariantCulture)).Append(" |")
                    .AppendJoin("", columns.Select(column => $" {(row < 0 || column < 0 ? "…" : Number(value[row, column]))} |")).AppendLine();
            }

            if (note is not null)
            {
                text.AppendLine().Append('*').Append(note).AppendLine("*");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string Header(StepExplanation step)
    {
        string settings = string.Join(", ", step.Settings.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:G6}")));
        string rows = step.Rows.Count == 1 ? $"row {step.Rows[0]}" : $"rows {string.Join(", ", step.Rows)}";
        return $"{step.Model}, {step.Precision}: one training step on {rows}, epoch {step.Epoch}; loss {step.Loss}; {step.Optimizer} ({settings}).";
    }

    private static string GroupHeading(ExplainedValue value) => (value.Phase, value.Layer) switch
    {
        ("input", _) => "Input",
        ("loss", _) => "Loss",
        ("update", null) => "Update",
        (var phase, int layer) => $"{char.ToUpperInvariant(phase[0])}{phase[1..]}, layer {layer}",
        (var phase, null) => $"{char.ToUpperInvariant(phase[0])}{phase[1..]}",
    };

    /// <summary>The value's source lines, grouped by file: "   src/Perceptron/Layers/Dense.cs:174, 183".</summary>
    private static string Sources(ExplainedValue value) => value.Sources.Count == 0
        ? ""
        : "   " + string.Join("; ", value.Sources.GroupBy(s => s.File).Select(file => $"{file.Key}:{string.Join(", ", file.Select(s => s.Line))}"));

    /// <summary>The rows and columns to show (−1 marks the ellipsis), and a note when some are left out.</summary>
    private static (int[] Rows, int[] Columns, string? Note) Shown(ExplainedValue value, bool full)
    {
        int[] rows = Indices(value.Rows, full), columns = Indices(value.Columns, full);
        bool cut = rows.Length < value.Rows || columns.Length < value.Columns;
        string? note = cut
            ? $"showing {rows.Count(r => r >= 0)} of {value.Rows} rows and {columns.Count(c => c >= 0)} of {value.Columns} columns; --full shows all, --json gives every number"
            : null;
        return (rows, columns, note);
    }

    private static int[] Indices(int count, bool full) => full || count <= MaxShown
        ? [.. Enumerable.Range(0, count)]
        : [.. Enumerable.Range(0, HeadShown), -1, count - 1];

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
