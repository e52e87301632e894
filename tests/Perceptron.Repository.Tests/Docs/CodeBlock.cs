namespace Perceptron.Repository.Tests.Docs;

/// <summary>A fenced code block of a Markdown file.</summary>
/// <param name="File">The Markdown file, relative to the repository root.</param>
/// <param name="FenceLine">The 1-based line of the opening fence; the code starts on the next line.</param>
/// <param name="Language">The fence's info string (e.g. <c>csharp</c>), empty if none.</param>
/// <param name="Code">The code between the fences.</param>
/// <param name="Directive">The text of a <c>&lt;!-- snippet: … --&gt;</c> comment just above the fence, if any.</param>
internal sealed record CodeBlock(string File, int FenceLine, string Language, string Code, string? Directive)
{
    /// <summary>Whether the block is C# (<c>csharp</c>, <c>cs</c> or <c>c#</c>).</summary>
    public bool IsCSharp => Language.Split(' ')[0].ToLowerInvariant() is "csharp" or "cs" or "c#";

    /// <summary>Where the block is, as <c>FILE:LINE</c>.</summary>
    public string Location => $"{File}:{FenceLine}";
}
