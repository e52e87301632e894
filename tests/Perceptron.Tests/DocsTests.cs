using System.Text.RegularExpressions;
using Perceptron.Tests.Support;

namespace Perceptron.Tests;

public partial class DocsTests
{
    /// <summary>docs/classic.md links each equation to a source line and quotes it; the quote must still be there.</summary>
    [Fact]
    public void ClassicDoc_EveryLineLink_PointsAtTheQuotedCode()
    {
        string root = TestFiles.RepositoryRoot();
        string doc = File.ReadAllText(Path.Combine(root, "docs", "classic.md"));
        var links = LineLink().Matches(doc);
        Assert.True(links.Count >= 10, $"expected the derivation to link at least 10 lines, found {links.Count}");

        foreach (Match link in links)
        {
            string file = Path.GetFullPath(Path.Combine(root, "docs", link.Groups["path"].Value));
            int line = int.Parse(link.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
            string code = link.Groups["code"].Value;
            string[] lines = File.ReadAllLines(file);
            Assert.True(line <= lines.Length && lines[line - 1].Contains(code, StringComparison.Ordinal),
                $"docs/classic.md links line {line} of {link.Groups["path"].Value} as `{code}`, but that line is: {(line <= lines.Length ? lines[line - 1].Trim() : "(past the end)")}. Run python3 docs/tools/update_line_links.py.");
        }
    }

    [GeneratedRegex(@"\[L(?<line>\d+)\]\((?<path>[^)#]+)#L\k<line>\):\s*`(?<code>[^`]+)`")]
    private static partial Regex LineLink();
}
