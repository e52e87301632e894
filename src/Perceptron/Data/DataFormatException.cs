namespace Perceptron.Data;

/// <summary>A data file (CSV or IDX) is malformed, inconsistent or beyond a limit.</summary>
/// <remarks>
/// The message is one line that names the file, the place (line and column, where one is at fault) and what is
/// wrong, e.g. <c>iris.csv: line 7, column 'sepal_width' (index 1): expected a number, found 'abc'</c>.
/// The parts are also available as properties, so a caller can point at the cell.
/// </remarks>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception from its parts; the message is built from them.</summary>
    /// <param name="filePath">The file (or source name) being read.</param>
    /// <param name="problem">What is wrong and, where possible, what was expected and the fix.</param>
    /// <param name="row">For CSV, the 1-based line on which the faulty record starts; <see langword="null"/> when no line is at fault.</param>
    /// <param name="column">The 0-based column index, when one column is at fault.</param>
    /// <param name="columnName">The column's header name, when known.</param>
    /// <param name="innerException">The lower-level error, if any (a gzip or text-decoding failure).</param>
    public DataFormatException(string filePath, string problem, long? row = null, int? column = null, string? columnName = null, Exception? innerException = null)
        : base(BuildMessage(filePath, problem, row, column, columnName), innerException)
    {
        FilePath = filePath;
        Row = row;
        Column = column;
        ColumnName = columnName;
    }

    /// <summary>Creates the exception with a message only (no file known).</summary>
    public DataFormatException()
        : this("(unknown source)", "the data is malformed")
    {
    }

    /// <summary>Creates the exception with a message only (no file known).</summary>
    /// <param name="message">What is wrong.</param>
    public DataFormatException(string message)
        : this("(unknown source)", message)
    {
    }

    /// <summary>Creates the exception with a message and a cause (no file known).</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The lower-level error.</param>
    public DataFormatException(string message, Exception? innerException)
        : this("(unknown source)", message, innerException: innerException)
    {
    }

    /// <summary>The file path (or source name) that was being read.</summary>
    public string FilePath { get; }

    /// <summary>For CSV, the 1-based line on which the faulty record starts (the header is line 1); otherwise <see langword="null"/>.</summary>
    public long? Row { get; }

    /// <summary>The 0-based index of the faulty column, or <see langword="null"/>.</summary>
    public int? Column { get; }

    /// <summary>The header name of the faulty column, or <see langword="null"/>.</summary>
    public string? ColumnName { get; }

    private static string BuildMessage(string filePath, string problem, long? row, int? column, string? columnName)
    {
        string place = row is null ? "" : $", line {row}";
        if (column is not null)
        {
            place += columnName is null ? $", column index {column}" : $", column {MessageText.Quote(columnName)} (index {column})";
        }

        // One line: a stray newline in a file name or cell must not split the message.
        return OneLine($"{filePath}{place}: {problem}");
    }

    private static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');
}
