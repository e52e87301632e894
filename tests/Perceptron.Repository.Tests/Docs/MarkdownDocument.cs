using System.Text.RegularExpressions;
using Perceptron.Repository.Tests.Support;

namespace Perceptron.Repository.Tests.Docs;

/// <summary>
/// The parts of a Markdown file the doc tests check: fenced code blocks (with the snippet directive written just
/// above them), links and reference definitions outside code, and the anchors its headings produce on GitHub.
/// </summary>
internal sealed partial class MarkdownDocument
{
    private MarkdownDocument(string path, string[] lines)
    {
        Path = path;
        Lines = lines;
        var blocks = new List<CodeBlock>();
        var links = new List<MarkdownLink>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var headingCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Length; i++)
        {
            Match fence = Fence().Match(lines[i]);
            if (fence.Success)
            {
                int start = i;
                string marker = fence.Groups["fence"].Value;
                while (++i < lines.Length && !IsClosingFence(lines[i], marker))
                {
                }

                string code = string.Join('\n', lines[(start + 1)..Math.Min(i, lines.Length)]);
                blocks.Add(new CodeBlock(path, start + 1, fence.Groups["info"].Value.Trim(), code, DirectiveAbove(lines, start)));
                continue;
            }

            string text = InlineCode().Replace(lines[i], "``");
            foreach (Match link in InlineLink().Matches(text))
            {
                links.Add(new MarkdownLink(path, i + 1, link.Groups["target"].Value));
            }

            if (ReferenceDefinition().Match(text) is { Success: true } definition)
            {
                links.Add(new MarkdownLink(path, i + 1, definition.Groups["target"].Value));
            }

            foreach (Match id in HtmlAnchor().Matches(lines[i]))
            {
                anchors.Add(id.Groups["id"].Value);
            }

            if (Heading().Match(lines[i]) is { Success: true } heading)
            {
                string slug = Slug(heading.Groups["text"].Value);
                int seen = headingCounts.GetValueOrDefault(slug);
                headingCounts[slug] = seen + 1;
                anchors.Add(seen == 0 ? slug : $"{slug}-{seen}");
            }
        }

        CodeBlocks = blocks;
        Links = links;
        Anchors = anchors;
    }

    /// <summary>The file, relative to the repository root.</summary>
    public string Path { get; }

    /// <summary>The file's lines.</summary>
    public string[] Lines { get; }

    /// <summary>Every fenced code block, in order.</summary>
    public IReadOnlyList<CodeBlock> CodeBlocks { get; }

    /// <summary>Every link and reference definition outside code, in order.</summary>
    public IReadOnlyList<MarkdownLink> Links { get; }

    /// <summary>The fragment names a link may point at: GitHub's heading slugs and explicit HTML ids.</summary>
    public IReadOnlySet<string> Anchors { get; }

    /// <summary>Reads a Markdown file of the repository.</summary>
    /// <param name="relativePath">The file, relative to the repository root.</param>
    public static MarkdownDocument Load(string relativePath)
        => new(relativePath, File.ReadAllText(RepositoryFiles.FullPath(relativePath)).ReplaceLineEndings("\n").Split('\n'));

    /// <summary>The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    public static string Slug(string heading)
    {
        string text = MarkdownLinkText().Replace(heading, "${text}").Replace("`", "", StringComparison.Ordinal).Replace("*", "", StringComparison.Ordinal);
        return SlugDropped().Replace(text.Trim().ToLowerInvariant(), "").Replace(' ', '-');
    }

    private static bool IsClosingFence(string line, string marker)
    {
        string trimmed = line.Trim();
        return trimmed.Length >= marker.Length && trimmed.All(c => c == marker[0]);
    }

    // The snippet directive, an HTML comment on the nearest non-blank line above the fence.
    private static string? DirectiveAbove(string[] lines, int fence)
    {
        for (int i = fence - 1; i >= 0; i--)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                return Directive().Match(lines[i]) is { Success: true } match ? match.Groups["directive"].Value.Trim() : null;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"`+[^`]*`+")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"!?\[[^\]]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:\s*(?<target>\S+)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"<a\s+(?:id|name)=""(?<id>[^""]+)""")]
    private static partial Regex HtmlAnchor();

    [GeneratedRegex(@"^ {0,3}#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLinkText();

    [GeneratedRegex(@"[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc} -]")]
    private static partial Regex SlugDropped();

    [GeneratedRegex(@"^\s*<!--\s*snippet:(?<directive>.*?)-->\s*$")]
    private static partial Regex Directive();
}
