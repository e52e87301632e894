namespace Perceptron.Repository.Tests.Docs;

/// <summary>
/// How the snippet test treats a C# block, from the comment just above its fence (CONTRIBUTING.md, "Code in the
/// docs"): nothing means compile and run it as it is; <c>&lt;!-- snippet: prelude=NAME --&gt;</c> compiles it with
/// docs/snippets/NAME.cs, whose members it may use as plain names; <c>compile-only</c> compiles without running (it
/// needs files the reader has); <c>illustrative</c> neither (a fragment shown for its shape). Words combine with
/// commas: <c>&lt;!-- snippet: compile-only, prelude=TrainedNetwork --&gt;</c>.
/// </summary>
/// <param name="Illustrative">Neither compiled nor run.</param>
/// <param name="CompileOnly">Compiled, not run.</param>
/// <param name="Prelude">The setup it assumes, a file name in docs/snippets without ".cs"; null for none.</param>
internal sealed record SnippetDirective(bool Illustrative, bool CompileOnly, string? Prelude)
{
    /// <summary>Folder of the preludes, relative to the repository root.</summary>
    public const string PreludeFolder = "docs/snippets";

    /// <summary>Reads a directive; throws naming the block when a word is not one of the above.</summary>
    public static SnippetDirective Parse(CodeBlock block)
    {
        bool illustrative = false, compileOnly = false;
        string? prelude = null;
        foreach (string word in (block.Directive ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (word == "illustrative")
            {
                illustrative = true;
            }
            else if (word == "compile-only")
            {
                compileOnly = true;
            }
            else if (word.StartsWith("prelude=", StringComparison.Ordinal) && word.Length > "prelude=".Length)
            {
                prelude = word["prelude=".Length..];
            }
            else
            {
                throw new InvalidOperationException($"{block.Location}: unknown snippet directive '{word}'; expected illustrative, compile-only or prelude=NAME.");
            }
        }

        return new SnippetDirective(illustrative, compileOnly, prelude);
    }
}
