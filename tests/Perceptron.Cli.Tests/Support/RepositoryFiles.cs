namespace Perceptron.Cli.Tests.Support;

/// <summary>Files of the repository the tests run in (docs, sources).</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder holding Perceptron.slnx.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Perceptron.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Perceptron.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A path relative to the repository root.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(Root(), relative);
}
