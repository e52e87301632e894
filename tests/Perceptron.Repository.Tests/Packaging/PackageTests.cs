using System.IO.Compression;
using System.Xml.Linq;
using Perceptron.Repository.Tests.Docs;
using Perceptron.Repository.Tests.Support;

namespace Perceptron.Repository.Tests.Packaging;

/// <summary>
/// The library as a .NET developer gets it: packed into a local folder, installed into a fresh console app
/// (<c>dotnet new console</c>, <c>dotnet add package</c>), and used by README's engine example, which must print
/// what it prints against the repository's own build.
/// </summary>
/// <remarks>Slow (pack, restore and build of a new app: about a minute), hence its trait; README's test command
/// runs it like any other test.</remarks>
[Collection(ProcessAloneCollection.Name)]
[Trait("Category", "Package")]
public sealed class PackageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("perceptron-package-").FullName;

    // A version of its own per run: the machine-wide NuGet cache never serves an older build of the same version.
    private readonly string _version = $"0.0.0-test.g{Guid.NewGuid():N}";

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string cached = Path.Combine(cache, "perceptron", _version);
        if (Directory.Exists(cached))
        {
            Directory.Delete(cached, recursive: true);
        }
    }

    [Fact]
    public void PackedLibrary_InstalledInAFreshConsoleApp_RunsReadmesEngineExample()
    {
        string feed = Directory.CreateDirectory(Path.Combine(_folder, "feed")).FullName;
        string configuration = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        DotnetCli.Run(RepositoryFiles.Root, "pack", "src/Perceptron/Perceptron.csproj", "-c", configuration, "--no-build", "-o", feed, $"-p:Version={_version}");
        AssertPackageMetadata(Path.Combine(feed, $"Perceptron.{_version}.nupkg"));
        Assert.True(File.Exists(Path.Combine(feed, $"Perceptron.{_version}.snupkg")), "no symbol package (snupkg) beside the package");

        // A console app as `dotnet new` makes it, with the local folder as one more package source.
        string app = Path.Combine(_folder, "app");
        DotnetCli.Run(_folder, "new", "console", "--output", app, "--name", "EngineExample");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="perceptron-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        DotnetCli.Run(app, "add", "package", "Perceptron", "--version", _version);

        var program = SnippetProgram.From(EngineExample.Block, EngineExample.Directive, EngineExample.Epilogue);
        foreach (var source in program.Sources)
        {
            File.WriteAllText(Path.Combine(app, source.Key), source.Value);
        }

        string installed = DotnetCli.Run(app, "run", "-c", "Release").Trim();

        EngineExample.AssertLearned(installed);
        Assert.Equal(program.Run().Trim(), installed);
    }

    // What nuget.org shows and needs: id and version, description, licence expression, the package README, docs.
    private void AssertPackageMetadata(string package)
    {
        using var archive = ZipFile.OpenRead(package);
        XDocument nuspec;
        using (var stream = archive.GetEntry("Perceptron.nuspec")!.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        XNamespace ns = nuspec.Root!.Name.Namespace;
        XElement metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("Perceptron", metadata.Element(ns + "id")?.Value);
        Assert.Equal(_version, metadata.Element(ns + "version")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value), "no description");
        Assert.Equal("MIT", metadata.Element(ns + "license")?.Value);
        Assert.Equal("expression", metadata.Element(ns + "license")?.Attribute("type")?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);

        string[] entries = [.. archive.Entries.Select(e => e.FullName)];
        Assert.Contains("README.md", entries);
        Assert.Contains("lib/net10.0/Perceptron.dll", entries);
        Assert.Contains("lib/net10.0/Perceptron.xml", entries);
        Assert.Contains("LICENSE.mnist.txt", entries);
        using var readme = new StreamReader(archive.GetEntry("README.md")!.Open());
        Assert.Equal(File.ReadAllText(RepositoryFiles.FullPath("src/Perceptron/README.md")), readme.ReadToEnd());
    }
}
