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
        : base(OneLine($"{Path.GetFileName(filePath)}: {(field is null ? "" : $"field '{field}': ")}{problem}"), inner)
    {
        FilePath = filePath;
        Field = field;
    }

    /// <summary>The model file.</summary>
    public string FilePath { get; }

    /// <summary>The JSON path of the bad field, or null.</summary>
    public string? Field { get; }

    /// <summary>The message on one line: a file's own text (a name with a line break in it) must not break the one-line error.</summary>
    private static string OneLine(string message)
    {
        if (!message.Any(char.IsControl))
        {
            return message;
        }

        var text = new System.Text.StringBuilder(message.Length + 8);
        foreach (char c in message)
        {
            _ = char.IsControl(c) ? text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : text.Append(c);
        }

        return text.ToString();
    }
}
