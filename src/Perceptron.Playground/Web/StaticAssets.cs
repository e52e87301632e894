using Microsoft.AspNetCore.Http;

namespace Perceptron.Playground.Web;

/// <summary>The page's files, embedded in the assembly (so a dotnet tool carries them and nothing is read from disk).</summary>
internal static class StaticAssets
{
    private const string Prefix = "Perceptron.Playground.wwwroot.";

    private static readonly Dictionary<string, (byte[] Bytes, string ContentType)> Files = Load();

    /// <summary>The served names ("index.html", "app.js", ...).</summary>
    public static IEnumerable<string> Names => Files.Keys;

    /// <summary>Serves the named file, or 404.</summary>
    public static IResult Serve(string name) =>
        Files.TryGetValue(name, out var file) ? Results.Bytes(file.Bytes, file.ContentType) : Results.NotFound();

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(StaticAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            string name = resource[Prefix.Length..];
            files[name] = (copy.ToArray(), ContentType(name));
        }

        return files;
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
