using System.Text.RegularExpressions;
using Perceptron.Tests.ArchitectureFixture.High;
using Perceptron.Tests.Support;

namespace Perceptron.Tests;

/// <summary>
/// The dependency stack of docs/engine.md ("The pieces"), checked on the compiled assemblies: each namespace may use
/// only those listed before it, and the table's "uses" column is exactly what the code uses.
/// </summary>
public partial class ArchitectureTests
{
    private static readonly string[] Owners = ["Perceptron"];

    /// <summary>No namespace of the library, the ONNX exporter, the playground or the CLI uses one listed after it in the table.</summary>
    [Fact]
    public void Assemblies_UseOnlyNamespacesBelowThem()
    {
        var stack = DocumentedStack();
        var dependencies = ReadAssemblies([.. stack.Select(row => row.Namespace)]);

        Assert.Empty(dependencies.Unplaced);
        string[] upward = [.. UpwardEdges(dependencies.Edges, [.. stack.Select(row => row.Namespace)]).Select(e => $"{e.From} → {e.To}: {e.Example}")];
        Assert.True(upward.Length == 0, "These uses point up (or across) the stack of docs/engine.md:\n" + string.Join('\n', upward));
    }

    /// <summary>The table's "uses" column lists exactly the namespaces each one uses, so the doc cannot drift from the code.</summary>
    [Fact]
    public void DependencyTable_MatchesTheCode()
    {
        var stack = DocumentedStack();
        var dependencies = ReadAssemblies([.. stack.Select(row => row.Namespace)]);

        var problems = new List<string>();
        foreach (var (ns, documented) in stack)
        {
            string[] actual = [.. dependencies.Edges.Where(e => e.From == ns).Select(e => e.To).OrderBy(Short, StringComparer.Ordinal)];
            if (!actual.SequenceEqual(documented.OrderBy(Short, StringComparer.Ordinal)))
            {
                problems.Add($"{ns}: the table says uses {Describe(documented)}, the code uses {Describe(actual)}");
            }
        }

        Assert.True(problems.Count == 0, "docs/engine.md's dependency table is out of date:\n" + string.Join('\n', problems));
    }

    /// <summary>The checker itself: a fixture whose lower namespace uses the higher one in each way code can (base type, field,
    /// signature, local, IL operand, generic argument, attribute) is caught, edge by edge.</summary>
    [Fact]
    public void Checker_FindsEveryKindOfUpwardUse_InABadFixture()
    {
        const string Fixture = "Perceptron.Tests.ArchitectureFixture";
        string[] stack = [$"{Fixture}.Low", $"{Fixture}.High"];
        var dependencies = new NamespaceDependencies(stack, [Fixture]);
        dependencies.AddAssembly(typeof(ArchitectureTests).Assembly.Location, ns => ns.StartsWith(Fixture, StringComparison.Ordinal));

        var upward = UpwardEdges(dependencies.Edges, stack).ToList();
        var edge = Assert.Single(upward);
        Assert.Equal(($"{Fixture}.Low", $"{Fixture}.High"), (edge.From, edge.To));

        // Each way of using the higher namespace, found separately: one fixture type per way.
        foreach (string way in (string[])["BaseType", "Field", "Signature", "Local", "Call", "GenericArgument", "Attribute", "NestedTypeCode"])
        {
            var single = new NamespaceDependencies(stack, [Fixture]);
            single.AddAssembly(typeof(ArchitectureTests).Assembly.Location, ns => ns == $"{Fixture}.Low.{way}");
            Assert.True(UpwardEdges(single.Edges, stack).Any(), $"the checker missed an upward use by {way}");
        }

        // And the downward use (High → Low) is allowed.
        Assert.Contains(dependencies.Edges, e => e.From == $"{Fixture}.High" && e.To == $"{Fixture}.Low");
        Assert.NotNull(new UsesLow().Value);
    }

    /// <summary>A namespace that the table does not place is reported, not ignored.</summary>
    [Fact]
    public void Checker_ReportsANamespaceMissingFromTheTable()
    {
        var dependencies = new NamespaceDependencies(["Perceptron", "Perceptron.Kernels"], Owners);
        dependencies.AddAssembly(typeof(Perceptron.Tensors.Matrix<>).Assembly.Location);
        Assert.Contains("Perceptron.Tensors", dependencies.Unplaced);
    }

    private static IEnumerable<NamespaceEdge> UpwardEdges(IEnumerable<NamespaceEdge> edges, IReadOnlyList<string> stack) =>
        edges.Where(e => stack.ToList().IndexOf(e.To) >= stack.ToList().IndexOf(e.From));

    private static NamespaceDependencies ReadAssemblies(IReadOnlyList<string> stack)
    {
        // The library is referenced; the exporter, the playground and the CLI are built first (see the project file) and read from their output folders.
        string configuration = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        string Built(string project) => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", project, configuration, project + ".dll"));

        var dependencies = new NamespaceDependencies(stack, Owners);
        foreach (string path in (string[])[typeof(Perceptron.Tensors.Matrix<>).Assembly.Location, Built("Perceptron.Onnx"), Built("Perceptron.Playground"), Built("Perceptron.Cli")])
        {
            Assert.True(File.Exists(path), $"not built: {path}");
            dependencies.AddAssembly(path);
        }

        return dependencies;
    }

    /// <summary>The rows of the table under "## The pieces" in docs/engine.md: namespace and the namespaces it uses, in stack order.</summary>
    private static List<(string Namespace, string[] Uses)> DocumentedStack()
    {
        string doc = File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot(), "docs", "engine.md"));
        var rows = TableRow().Matches(doc)
            .Select(m => (m.Groups["ns"].Value, m.Groups["uses"].Value.Trim() is "—" ? [] : m.Groups["uses"].Value.Split(',', StringSplitOptions.TrimEntries).Select(Full).ToArray()))
            .ToList();
        Assert.True(rows.Count >= 10, $"expected the dependency table in docs/engine.md, found {rows.Count} rows");
        return rows;
    }

    private static string Full(string name) => name.Trim('`') is var bare && bare == "Perceptron" ? bare : "Perceptron." + bare;

    private static string Short(string ns) => ns == "Perceptron" ? ns : ns["Perceptron.".Length..];

    private static string Describe(IEnumerable<string> namespaces) => namespaces.Any() ? string.Join(", ", namespaces.Select(Short)) : "—";

    /// <summary>| `Perceptron.X` | what | uses |</summary>
    [GeneratedRegex(@"^\| `(?<ns>Perceptron(\.\w+)?)` \|[^|\n]*\| (?<uses>[^|\n]+) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
