using Perceptron.Repository.Tests.Support;

namespace Perceptron.Repository.Tests.Docs;

/// <summary>
/// Every C# block of the repository's Markdown (README.md, docs/, the package READMEs) compiles against the library, and runs without error unless it is
/// marked otherwise (see <see cref="SnippetDirective"/>). A renamed type or member breaks the docs here first.
/// </summary>
[Collection(ProcessAloneCollection.Name)]
public class SnippetTests
{
    /// <summary>Every C# block of the docs, as FILE:LINE.</summary>
    public static TheoryData<string> CSharpBlocks => [.. AllCSharpBlocks().Select(block => block.Location)];

    [Theory]
    [MemberData(nameof(CSharpBlocks))]
    public void CSharpBlock_CompilesAndRuns(string location)
    {
        CodeBlock block = AllCSharpBlocks().Single(b => b.Location == location);
        SnippetDirective directive = SnippetDirective.Parse(block);
        Assert.SkipWhen(directive.Illustrative, $"{location} is marked illustrative");

        var program = SnippetProgram.From(block, directive);
        if (directive.CompileOnly)
        {
            program.Compile();
        }
        else
        {
            program.Run();
        }
    }

    [Fact]
    public void Docs_HaveCSharpBlocksToCheck()
    {
        // The blocks README shows a newcomer first: if the parser stopped finding them, every check above would pass vacuously.
        string[] readme = [.. AllCSharpBlocks().Where(b => b.File == "README.md").Select(b => b.Location)];
        Assert.True(readme.Length >= 2, $"expected README.md's classic and engine examples, found: {string.Join(", ", readme)}");
        Assert.Contains(AllCSharpBlocks(), b => b.File.StartsWith("docs/", StringComparison.Ordinal));
    }

    [Fact]
    public void Preludes_AreAllUsed()
    {
        string folder = RepositoryFiles.FullPath(SnippetDirective.PreludeFolder);
        string[] used = [.. AllCSharpBlocks().Select(SnippetDirective.Parse).Select(d => d.Prelude).OfType<string>().Distinct()];
        string[] unused = [.. Directory.GetFiles(folder, "*.cs").Select(Path.GetFileNameWithoutExtension).OfType<string>().Except(used)];
        Assert.True(unused.Length == 0, $"{SnippetDirective.PreludeFolder} has preludes no block names: {string.Join(", ", unused)}");
    }

    [Fact]
    public void EngineExample_TrainsTheOriginalsTask()
    {
        // README's engine example is also what the package test runs from an installed package: check its result here.
        string output = SnippetProgram.From(EngineExample.Block, EngineExample.Directive, EngineExample.Epilogue).Run();
        EngineExample.AssertLearned(output);
    }

    internal static IEnumerable<CodeBlock> AllCSharpBlocks()
        => RepositoryFiles.Markdown().SelectMany(file => MarkdownDocument.Load(file).CodeBlocks).Where(block => block.IsCSharp);
}
