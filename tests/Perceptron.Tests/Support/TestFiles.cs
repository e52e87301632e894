namespace Perceptron.Tests.Support;

/// <summary>Locates files copied beside the test assembly (fixtures) and the repository root.</summary>
internal static class TestFiles
{
    /// <summary>Full path of a fixture file copied to the output folder.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The repository root: the nearest ancestor of the test assembly holding Perceptron.slnx.</summary>
    public static string RepositoryRoot()
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
