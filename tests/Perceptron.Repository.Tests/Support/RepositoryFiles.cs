namespace Perceptron.Repository.Tests.Support;

/// <summary>The repository's root and the files the repository tests read.</summary>
internal static class RepositoryFiles
{
    // Build output, test results and tool state: generated, never part of the repository (folders, and .git as a file).
    private static readonly HashSet<string> SkippedFolders =
        new(StringComparer.Ordinal) { ".git", ".vs", ".idea", "artifacts", "bin", "obj", "TestResults", "BenchmarkDotNet.Artifacts", "nupkg", "node_modules" };

    /// <summary>The repository root: the nearest ancestor of the test assembly holding Perceptron.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Every Markdown file, as a path relative to the root with '/' separators, in a stable order.</summary>
    public static IReadOnlyList<string> Markdown() => [.. All().Where(path => path.EndsWith(".md", StringComparison.OrdinalIgnoreCase))];

    /// <summary>Every file (sources, docs, scripts, data), as root-relative paths with '/' separators, in a stable order.</summary>
    public static IReadOnlyList<string> All()
    {
        var files = new List<string>();
        var pending = new Stack<string>([Root]);
        while (pending.Count > 0)
        {
            string folder = pending.Pop();
            foreach (string file in Directory.EnumerateFiles(folder))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(file)))
                {
                    files.Add(Relative(file)); // (a worktree's .git is a file naming its main repository)
                }
            }

            foreach (string child in Directory.EnumerateDirectories(folder))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(child)))
                {
                    pending.Push(child);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The full path of a root-relative path.</summary>
    public static string FullPath(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    /// <summary>A full path as a root-relative path with '/' separators.</summary>
    public static string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Perceptron.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Perceptron.slnx not found above " + AppContext.BaseDirectory);
    }
}
