using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Perceptron.Repository.Tests.Support;

namespace Perceptron.Repository.Tests.Docs;

/// <summary>
/// A C# block of the docs as the console program a reader would make of it: the block as Program.cs (top-level
/// statements), its prelude beside it, and the implicit usings of <c>dotnet new console</c>. Compiled with Roslyn
/// against the libraries this test project references, and run in-process.
/// </summary>
internal sealed class SnippetProgram
{
    // What ImplicitUsings gives a `dotnet new console` project; the package test's real console app has the same.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(path => MetadataReference.CreateFromFile(path))]);

    private SnippetProgram(CodeBlock block, IReadOnlyDictionary<string, string> sources)
    {
        Block = block;
        Sources = sources;
    }

    /// <summary>The block this program was made from.</summary>
    public CodeBlock Block { get; }

    /// <summary>The program's source files by name (Program.cs, and Prelude.cs and PreludeUsing.cs with a prelude).</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }

    /// <summary>Makes the program of a block; <paramref name="epilogue"/> is code run after the block (e.g. to print its results).</summary>
    public static SnippetProgram From(CodeBlock block, SnippetDirective directive, string? epilogue = null)
    {
        // #line makes compiler errors point at the Markdown file's own lines.
        var sources = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Program.cs"] = $"#line {block.FenceLine + 1} \"{block.File}\"\n{block.Code}\n" + (epilogue is null ? "" : $"#line default\n{epilogue}\n"),
        };
        if (directive.Prelude is { } prelude)
        {
            string path = $"{SnippetDirective.PreludeFolder}/{prelude}.cs";
            if (!File.Exists(RepositoryFiles.FullPath(path)))
            {
                throw new InvalidOperationException($"{block.Location}: its prelude {path} does not exist.");
            }

            sources["Prelude.cs"] = $"#line 1 \"{path}\"\n{File.ReadAllText(RepositoryFiles.FullPath(path))}";
            sources["PreludeUsing.cs"] = $"global using static {prelude};\n";
        }

        return new SnippetProgram(block, sources);
    }

    /// <summary>Compiles the program; throws with every error, located in the Markdown file or the prelude.</summary>
    /// <returns>The program's assembly.</returns>
    public byte[] Compile()
    {
        var trees = Sources.Select(source => CSharpSyntaxTree.ParseText(source.Value, ParseOptions, source.Key))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions, "ImplicitUsings.cs"));
        var compilation = CSharpCompilation.Create(
            "Snippet",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            throw new InvalidOperationException(
                $"The C# block at {Block.Location} does not compile:\n" + string.Join('\n', errors.Select(e => e.ToString())));
        }

        return image.ToArray();
    }

    /// <summary>Compiles and runs the program in a fresh working folder; returns what it wrote to the console.</summary>
    /// <remarks>Changes process-wide state while it runs (console, current folder): callers must not run in parallel.</remarks>
    public string Run()
    {
        byte[] assembly = Compile();
        var context = new AssemblyLoadContext($"snippet {Block.Location}", isCollectible: true);
        string folder = Directory.CreateTempSubdirectory("perceptron-snippet-").FullName;
        TextWriter console = Console.Out;
        string currentFolder = Environment.CurrentDirectory;
        CultureInfo culture = CultureInfo.CurrentCulture, uiCulture = CultureInfo.CurrentUICulture;
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            Console.SetOut(output);
            Environment.CurrentDirectory = folder;
            MethodInfo main = context.LoadFromStream(new MemoryStream(assembly)).EntryPoint!;
            object? result = main.Invoke(null, main.GetParameters().Length == 0 ? [] : [Array.Empty<string>()]);
            if (result is Task task)
            {
                task.GetAwaiter().GetResult();
                result = task.GetType().GetProperty("Result")?.GetValue(task);
            }

            if (result is int exitCode && exitCode != 0)
            {
                throw new InvalidOperationException($"The C# block at {Block.Location} returned exit code {exitCode}. Its output:\n{output}");
            }
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException($"The C# block at {Block.Location} threw {e.InnerException.GetType().Name}: {e.InnerException.Message}\nIts output:\n{output}", e.InnerException);
        }
        finally
        {
            Console.SetOut(console);
            Environment.CurrentDirectory = currentFolder;
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            context.Unload();
            Directory.Delete(folder, recursive: true);
        }

        return output.ToString();
    }
}
