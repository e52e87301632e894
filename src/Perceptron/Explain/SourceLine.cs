using System.Globalization;

namespace Perceptron.Explain;

/// <summary>Where in this repository a value is computed: a file, a line, and the code on that line.</summary>
/// <param name="File">The source file, relative to the repository root, with forward slashes.</param>
/// <param name="Line">The line number, from 1.</param>
/// <param name="Code">The code on that line (trimmed), as a test checks it still is.</param>
public readonly record struct SourceLine(string File, int Line, string Code)
{
    /// <summary>"file:line", e.g. "src/Perceptron/Layers/Dense.cs:164".</summary>
    /// <returns>The location.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}");
}
