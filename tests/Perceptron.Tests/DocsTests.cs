using System.Text.RegularExpressions;
using Perceptron.Tests.Support;

namespace Perceptron.Tests;

public partial class DocsTests
{
    /// <summary>The derivation pages link each equation to a source line and quote it; the quote must still be there.</summary>
    [Theory]
    [InlineData("classic.md", 10)]
    [InlineData("engine-math.md", 40)]
    public void Derivation_EveryLineLink_PointsAtTheQuotedCode(string page, int minimumLinks)
    {
        string root = TestFiles.RepositoryRoot();
        string doc = File.ReadAllText(Path.Combine(root, "docs", page));
        var links = LineLink().Matches(doc);
        Assert.True(links.Count >= minimumLinks, $"expected docs/{page} to link at least {minimumLinks} lines, found {links.Count}");
        CheckLinks(root, page, links);
    }

    /// <summary>Every other page's line links (if any) are checked too, so no doc can point at a moved line.</summary>
    [Fact]
    public void AllDocs_EveryLineLink_PointsAtTheQuotedCode()
    {
        string root = TestFiles.RepositoryRoot();
        foreach (string path in Directory.GetFiles(Path.Combine(root, "docs"), "*.md"))
        {
            CheckLinks(root, Path.GetFileName(path), LineLink().Matches(File.ReadAllText(path)));
        }
    }

    private static void CheckLinks(string root, string page, MatchCollection links)
    {
        foreach (Match link in links)
        {
            string file = Path.GetFullPath(Path.Combine(root, "docs", link.Groups["path"].Value));
            int line = int.Parse(link.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
            string code = link.Groups["code"].Value;
            Assert.True(File.Exists(file), $"docs/{page} links {link.Groups["path"].Value}, which does not exist. Run python3 docs/tools/update_line_links.py.");
            string[] lines = File.ReadAllLines(file);
            Assert.True(line <= lines.Length && lines[line - 1].Contains(code, StringComparison.Ordinal),
                $"docs/{page} links line {line} of {link.Groups["path"].Value} as `{code}`, but that line is: {(line <= lines.Length ? lines[line - 1].Trim() : "(past the end)")}. Run python3 docs/tools/update_line_links.py.");
        }
    }

    [GeneratedRegex(@"\[L(?<line>\d+)\]\((?<path>[^)#]+)#L\k<line>\):\s*`(?<code>[^`]+)`")]
    private static partial Regex LineLink();
}
