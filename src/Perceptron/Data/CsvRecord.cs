namespace Perceptron.Data;

/// <summary>One CSV record's fields: the reader's current record, or a record kept aside while the file's layout was worked out.</summary>
internal interface ICsvRecord
{
    /// <summary>Number of fields.</summary>
    int FieldCount { get; }

    /// <summary>The 1-based line on which the record starts.</summary>
    long RecordLine { get; }

    /// <summary>Field <paramref name="index"/>, unquoted.</summary>
    ReadOnlySpan<char> this[int index] { get; }
}

/// <summary>A record copied out of the reader (the first line, before it is known to be a header or data).</summary>
internal sealed class StoredRecord(string[] fields, long line) : ICsvRecord
{
    public int FieldCount => fields.Length;

    public long RecordLine => line;

    public string[] Fields => fields;

    public ReadOnlySpan<char> this[int index] => fields[index];

    public static StoredRecord Copy(ICsvRecord record)
    {
        string[] fields = new string[record.FieldCount];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = record[i].ToString();
        }

        return new StoredRecord(fields, record.RecordLine);
    }
}
