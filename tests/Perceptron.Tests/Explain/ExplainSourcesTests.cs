using Perceptron.Explain;
using Perceptron.Tests.Support;

namespace Perceptron.Tests.Explain;

public class ExplainSourcesTests
{
    /// <summary>Every file:line that explain prints must still hold the code it quotes.</summary>
    [Fact]
    public void EverySourceLine_HoldsItsQuotedCode()
    {
        string root = TestFiles.RepositoryRoot();
        SourceLine[] lines = [.. SourceLines.All];
        Assert.True(lines.Length >= 60, $"expected the table to hold every explained line, found {lines.Length}");
        foreach (SourceLine line in lines)
        {
            string path = Path.Combine(root, line.File);
            Assert.True(File.Exists(path), $"{line.File} (quoted as `{line.Code}`) does not exist. Run python3 docs/tools/update_line_links.py.");
            string[] text = File.ReadAllLines(path);
            Assert.True(line.Line <= text.Length && text[line.Line - 1].Contains(line.Code, StringComparison.Ordinal),
                $"{line} should hold `{line.Code}` but holds: {(line.Line <= text.Length ? text[line.Line - 1].Trim() : "(past the end)")}. Run python3 docs/tools/update_line_links.py.");
            Assert.Single(text, l => l.Contains(line.Code, StringComparison.Ordinal));
        }
    }

    /// <summary>Each explanation's values name their sources from that table; a classic step cites the classic class only.</summary>
    [Fact]
    public void ClassicExplanation_CitesTheClassicClass()
    {
        var mlp = new Perceptron.Classic.MultilayerPerceptron(2, [3], 1, seed: 1);
        StepExplanation step = ClassicExplainer.Explain(mlp, [0.1, 0.2], [0.3], 0.1);

        Assert.All(step.Values.SelectMany(v => v.Sources), s => Assert.Equal("src/Perceptron/Classic/MultilayerPerceptron.cs", s.File));
        Assert.Contains(step.Values, v => v.Sources.Count > 0);
    }
}
