using System.Text.RegularExpressions;
using Perceptron.Data;

namespace Perceptron.Cli.Tests;

/// <summary>The README's commands and results name data a reader can run, and its install notes say where the tool goes.</summary>
public partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

    /// <summary>Every DATA after train, cv or tune in the README is a built-in data set or a file in the repository
    /// (the placeholders data.csv and new.csv aside).</summary>
    [Fact]
    public void CommandsInTheReadme_NameRunnableData()
    {
        string[] placeholders = ["data.csv", "test.csv", "new.csv"];
        var named = CommandData().Matches(Readme).Select(m => m.Groups["data"].Value).Where(d => !placeholders.Contains(d)).ToList();

        Assert.NotEmpty(named);
        Assert.All(named, data => Assert.True(
            BuiltInDatasets.Names.Contains(data) || File.Exists(Path.Combine(RepositoryRoot(), data)),
            $"README runs '{data}', which is neither built in nor a file in the repository"));
    }

    /// <summary>The quoted results name data sets that are built in (in backticks), and each one runs.</summary>
    [Fact]
    public void QuotedResults_NameBuiltInDataSets()
    {
        string results = Readme[Readme.IndexOf("With the defaults and `--seed 42`", StringComparison.Ordinal)..];
        results = results[..results.IndexOf("\n\n", StringComparison.Ordinal)];
        string[] named = [.. Backticked().Matches(results).Select(m => m.Groups[1].Value).Where(n => !n.StartsWith('-') && !n.StartsWith("perceptron", StringComparison.Ordinal))];

        Assert.Equal(["iris", "breast_cancer", "digits8x8", "diabetes"], named);
        Assert.All(named, name => Assert.Contains(name, BuiltInDatasets.Names));
    }

    [Fact]
    public void InstallNotes_SayTheToolsFolderMustBeOnPath()
    {
        Assert.Contains("~/.dotnet/tools", Readme, StringComparison.Ordinal);
        Assert.Contains("PATH", Readme, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"-- (?:train|cv|tune) (?<data>[^\s\\]+)")]
    private static partial Regex CommandData();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Perceptron.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Perceptron.slnx) is not above the test folder.");
    }
}
