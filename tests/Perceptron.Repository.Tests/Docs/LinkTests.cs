using System.Globalization;
using System.Text.RegularExpressions;
using Perceptron.Repository.Tests.Support;

namespace Perceptron.Repository.Tests.Docs;

/// <summary>
/// Every relative link in every Markdown file of the repository resolves: to a file or folder inside the
/// repository, to lines that exist when it names them (<c>#L12</c>, <c>#L12-L20</c>), and to a heading or HTML
/// anchor of the target document when it names one. Web addresses are not fetched.
/// </summary>
public partial class LinkTests
{
    public static TheoryData<string> MarkdownFiles => [.. RepositoryFiles.Markdown()];

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void EveryRelativeLink_Resolves(string file)
    {
        var document = MarkdownDocument.Load(file);
        string[] broken = [.. document.Links.Where(link => !link.IsExternal).Select(Problem).OfType<string>()];
        Assert.True(broken.Length == 0, $"{file} has broken links:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void LinkCheck_FindsTheDocsLinks()
    {
        // The derivation in docs/classic.md links source lines: if the parser stopped finding links, the test above would pass vacuously.
        var links = MarkdownDocument.Load("docs/classic.md").Links;
        Assert.True(links.Count(link => link.Target.Contains("#L", StringComparison.Ordinal)) >= 10, $"expected docs/classic.md to link at least 10 source lines, found {links.Count}");
    }

    [Fact]
    public void LinkCheck_ReportsWhatIsBroken()
    {
        // A known-bad link of each kind, checked against README.md as if written there.
        Assert.Contains("no file", Problem(new MarkdownLink("README.md", 1, "docs/missing.md")), StringComparison.Ordinal);
        Assert.Contains("outside the repository", Problem(new MarkdownLink("README.md", 1, "../outside.md")), StringComparison.Ordinal);
        Assert.Contains("has only", Problem(new MarkdownLink("README.md", 1, "LICENSE#L1-L9999")), StringComparison.Ordinal);
        Assert.Contains("no heading", Problem(new MarkdownLink("README.md", 1, "docs/engine.md#no-such-heading")), StringComparison.Ordinal);
        Assert.Null(Problem(new MarkdownLink("README.md", 1, "docs/engine.md")));
        Assert.Null(Problem(new MarkdownLink("README.md", 1, "LICENSE#L1-L3")));
    }

    [Fact]
    public void ClassicDoc_EveryLineLink_PointsAtTheQuotedCode()
    {
        // docs/classic.md links each equation to a source line and quotes it: the quote must still be on that line.
        string doc = File.ReadAllText(RepositoryFiles.FullPath("docs/classic.md"));
        var links = QuotedLineLink().Matches(doc);
        Assert.True(links.Count >= 10, $"expected the derivation to link at least 10 lines, found {links.Count}");

        foreach (Match link in links)
        {
            string file = Path.GetFullPath(Path.Combine(RepositoryFiles.Root, "docs", link.Groups["path"].Value));
            int line = int.Parse(link.Groups["line"].Value, CultureInfo.InvariantCulture);
            string code = link.Groups["code"].Value;
            string[] lines = File.ReadAllLines(file);
            Assert.True(line <= lines.Length && lines[line - 1].Contains(code, StringComparison.Ordinal),
                $"docs/classic.md links line {line} of {link.Groups["path"].Value} as `{code}`, but that line is: {(line <= lines.Length ? lines[line - 1].Trim() : "(past the end)")}. Run python3 docs/tools/update_line_links.py.");
        }
    }

    // What is wrong with a relative link, or null if it resolves.
    private static string? Problem(MarkdownLink link)
    {
        int hash = link.Target.IndexOf('#', StringComparison.Ordinal);
        string path = Uri.UnescapeDataString(hash < 0 ? link.Target : link.Target[..hash]);
        string? fragment = hash < 0 ? null : link.Target[(hash + 1)..];
        string where = $"{link.File}:{link.Line}: ({link.Target})";

        string full = path.Length == 0
            ? RepositoryFiles.FullPath(link.File)
            : path.StartsWith('/')
                ? RepositoryFiles.FullPath(path.TrimStart('/'))
                : Path.GetFullPath(Path.Combine(RepositoryFiles.Root, Path.GetDirectoryName(link.File) ?? "", path));
        if (!full.StartsWith(RepositoryFiles.Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return $"{where} points outside the repository";
        }

        if (!File.Exists(full))
        {
            return Directory.Exists(full)
                ? (fragment is null ? null : $"{where} is a folder and cannot have a #{fragment}")
                : $"{where} names no file or folder of the repository";
        }

        if (string.IsNullOrEmpty(fragment))
        {
            return null;
        }

        if (LineFragment().Match(fragment) is { Success: true } lines)
        {
            int count = File.ReadAllLines(full).Length;
            int first = int.Parse(lines.Groups["first"].Value, CultureInfo.InvariantCulture);
            int last = lines.Groups["last"].Success ? int.Parse(lines.Groups["last"].Value, CultureInfo.InvariantCulture) : first;
            return first >= 1 && first <= last && last <= count ? null : $"{where} names lines {first}-{last}, but {RepositoryFiles.Relative(full)} has only {count}";
        }

        if (!full.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            return $"{where} has a fragment that is neither #Lnn nor #Lnn-Lmm, on a file that is not Markdown";
        }

        var target = MarkdownDocument.Load(RepositoryFiles.Relative(full));
        return target.Anchors.Contains(fragment) ? null : $"{where} names no heading or anchor of {target.Path}";
    }

    [GeneratedRegex(@"^L(?<first>\d+)(?:-L(?<last>\d+))?$")]
    private static partial Regex LineFragment();

    [GeneratedRegex(@"\[L(?<line>\d+)\]\((?<path>[^)#]+)#L\k<line>\):\s*`(?<code>[^`]+)`")]
    private static partial Regex QuotedLineLink();
}
