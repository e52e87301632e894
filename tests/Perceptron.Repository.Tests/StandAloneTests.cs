using System.Text.RegularExpressions;
using Perceptron.Repository.Tests.Support;

namespace Perceptron.Repository.Tests;

/// <summary>
/// The repository stands alone: no file (code, docs, comments, scripts, project files) points at files outside it
/// or at the numbers of a tracker's issues, which a reader of the repository cannot follow.
/// </summary>
public partial class StandAloneTests
{
    // Data files are checked as text too: only files with a NUL byte (archives, images, models) are skipped.
    private const int BinaryProbeLength = 8000;

    [Fact]
    public void NoFile_ReferencesOutsideTheRepositoryOrIssueNumbers()
    {
        string[] findings =
        [
            .. RepositoryFiles.All()
                .Where(path => !IsBinary(RepositoryFiles.FullPath(path)))
                .SelectMany(path => File.ReadLines(RepositoryFiles.FullPath(path)).Select((line, i) => (path, line, number: i + 1)))
                .SelectMany(entry => OutsideReference().Matches(entry.line).Select(match => $"{entry.path}:{entry.number}: '{match.Value}' in: {entry.line.Trim()}")),
        ];
        Assert.True(findings.Length == 0, "References a reader of the repository cannot follow:\n" + string.Join('\n', findings));
    }

    [Theory]
    [InlineData("see ../" + "shared" + "/notes.txt")]
    [InlineData("as the style guide (STYLE" + ".md) says")]
    [InlineData("written for Zen 4 (PERFORMANCE" + ".md)")]
    [InlineData("cp /work" + "/main/data .")]
    [InlineData("copied from shared" + "/data/tabular/iris.csv")]
    [InlineData("the format of issue" + " 4")]
    [InlineData("fixed in #" + "12")]
    public void Pattern_CatchesEachKind(string line) => Assert.Matches(OutsideReference(), line);

    [Theory]
    [InlineData("see docs/engine.md#the-micro-kernel and Gemm.cs#L12")]
    [InlineData("the issues 28 independent FMAs")]
    [InlineData("shared state; ArrayPool<T>.Shared")]
    [InlineData("color: #555; background: '#222'; stroke=\"#333333\"")]
    public void Pattern_LetsOrdinaryTextThrough(string line) => Assert.DoesNotMatch(OutsideReference(), line);

    private static bool IsBinary(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[BinaryProbeLength];
        int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return head[..read].Contains((byte)0);
    }

    // Paths to the shared folder beside the repository or to the machine's work folders, the style guide and
    // performance notes kept there, and issue numbers (the word issue or a hash before a number; three or six digits
    // after a hash are a colour, as in CSS and canvas code). Written in
    // pieces so that this file does not match itself.
    [GeneratedRegex(@"\.\./" + "shared" + @"\b|(?<![\w.-])" + "shared" + @"/(?:data|notes|docs)\b|/" + "work" + @"/|\b(?:STYLE|PERFORMANCE)\." + "md" + @"\b|\b" + "issue" + @"\s+#?\d+|(?<![\w&])#(?!(?:\d{3}|\d{6})\b)\d+\b", RegexOptions.IgnoreCase)]
    private static partial Regex OutsideReference();
}
