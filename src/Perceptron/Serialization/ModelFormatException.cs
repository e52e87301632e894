namespace Perceptron.Serialization;

/// <summary>A model file that cannot be used: its message names the file, the field and what was expected.</summary>
public sealed class ModelFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The model file.</param>
    /// <param name="field">The JSON path of the bad field, e.g. "layers[1].units", or null for the file as a whole.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public ModelFormatException(string filePath, string? field, string problem, Exception? inner = null)
        : base($"{Path.GetFileName(filePath)}: {(field is null ? "" : $"field '{field}': ")}{problem}", inner)
    {
        FilePath = filePath;
        Field = field;
    }

    /// <summary>The model file.</summary>
    public string FilePath { get; }

    /// <summary>The JSON path of the bad field, or null.</summary>
    public string? Field { get; }
}
