using System.Globalization;

namespace Perceptron.Cli.Lessons;

/// <summary>A line of this repository's source that a lesson points at; a test checks the quoted code is still on it.</summary>
/// <param name="File">The file, relative to the repository root.</param>
/// <param name="Line">The line number, from 1.</param>
/// <param name="Code">Code found on that line.</param>
internal sealed record CodeLine(string File, int Line, string Code)
{
    /// <summary>"file:line".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}");
}
