namespace Perceptron.Repository.Tests.Docs;

/// <summary>A link (or reference definition) in a Markdown file.</summary>
/// <param name="File">The Markdown file, relative to the repository root.</param>
/// <param name="Line">The 1-based line it is on.</param>
/// <param name="Target">What it points at, as written.</param>
internal sealed record MarkdownLink(string File, int Line, string Target)
{
    /// <summary>Whether it leaves the repository on purpose: a web address or an e-mail address.</summary>
    public bool IsExternal => Target.Contains("://", StringComparison.Ordinal) || Target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
}
