using System.Globalization;

namespace Perceptron.Repository.Tests.Docs;

/// <summary>
/// README's engine example (the original's second script, "the same network in a framework"), with an epilogue
/// that prints its results: run by the snippet test against the repository's library and by the package test
/// against the installed package.
/// </summary>
internal static class EngineExample
{
    /// <summary>Prints the example's test MSE and its two predictions, exactly (round-trip formatting).</summary>
    public const string Epilogue = """
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"test MSE {testMse:R}; 0.1 + 0.2 = {sums[0, 0]:R}; 0.2 + 0.2 = {sums[1, 0]:R}"));
        """;

    /// <summary>README.md's C# block that builds a <c>Sequential</c>.</summary>
    public static CodeBlock Block => SnippetTests.AllCSharpBlocks().Single(b => b.File == "README.md" && b.Code.Contains("new Sequential(", StringComparison.Ordinal));

    /// <summary>The block's directive (it names the prelude that makes its training data).</summary>
    public static SnippetDirective Directive => SnippetDirective.Parse(Block);

    /// <summary>Checks the epilogue's line: the network learned to add (as the sample's own criterion: test MSE below 1e-3).</summary>
    public static void AssertLearned(string output)
    {
        string[] parts = output.Trim().Split("; ");
        Assert.True(parts.Length == 3 && parts[0].StartsWith("test MSE ", StringComparison.Ordinal), $"unexpected output: {output}");
        double mse = double.Parse(parts[0]["test MSE ".Length..], CultureInfo.InvariantCulture);
        double first = double.Parse(parts[1]["0.1 + 0.2 = ".Length..], CultureInfo.InvariantCulture);
        double second = double.Parse(parts[2]["0.2 + 0.2 = ".Length..], CultureInfo.InvariantCulture);
        Assert.InRange(mse, 0, 1e-3);
        Assert.InRange(first, 0.25, 0.35);
        Assert.InRange(second, 0.35, 0.45);
    }
}
