using Perceptron.Data;
using Perceptron.Tabular;

namespace Perceptron.Cli;

/// <summary>Loads the MODEL argument, first recognising a data file given in its place (most often MODEL and DATA swapped),
/// which the model reader would otherwise report as JSON that does not parse.</summary>
internal static class ModelArgument
{
    /// <summary>Loads <paramref name="path"/> as a model file.</summary>
    /// <param name="path">The MODEL argument.</param>
    /// <param name="otherArgument">The command's DATA argument, if it has one: when it is the model file, the error says the two were swapped.</param>
    /// <exception cref="UserException">The file is plainly not a model file (a usage error).</exception>
    public static TabularModel Load(string path, string? otherArgument = null)
    {
        if (File.Exists(path) && DataKind(path) is string kind)
        {
            string swapped = otherArgument is not null && File.Exists(otherArgument) && DataKind(otherArgument) is null && StartsLikeJson(otherArgument)
                ? $" — did you swap the arguments? ('{otherArgument}' looks like the model file)"
                : "; give a model file saved by 'perceptron train --out'";
            throw new UserException($"MODEL must be a model file; '{path}' looks like {kind}{swapped}.", CliApp.Usage);
        }

        return TabularModel.Load(path);
    }

    /// <summary>"a CSV file" or "IDX images" when the file is data rather than JSON; null when it may be a model file.</summary>
    private static string? DataKind(string path)
    {
        if (IdxReader.IsIdx(path))
        {
            return "an IDX file";
        }

        if (StartsLikeJson(path))
        {
            return null;
        }

        string name = path.ToLowerInvariant();
        return name.EndsWith(".csv", StringComparison.Ordinal) || name.EndsWith(".csv.gz", StringComparison.Ordinal) || name.EndsWith(".tsv", StringComparison.Ordinal) || name.EndsWith(".txt", StringComparison.Ordinal)
            ? "a CSV file"
            : null;
    }

    /// <summary>Whether the first character after any byte-order mark and white space is '{', as in every model file.</summary>
    private static bool StartsLikeJson(string path)
    {
        try
        {
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            int c;
            while ((c = reader.Read()) >= 0 && char.IsWhiteSpace((char)c))
            {
            }

            return c == '{';
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
