namespace Perceptron.Tabular;

/// <summary>How <see cref="StreamingTrainer"/> reads a file too large for memory: the shuffle buffer and the rows that
/// settle the columns' kinds and the task.</summary>
public sealed record StreamingOptions
{
    /// <summary>Every setting at its default.</summary>
    public static StreamingOptions Default { get; } = new();

    /// <summary>The default <see cref="ShuffleBuffer"/>: 100,000 rows (about 25 MB for 60 network inputs).</summary>
    public const int DefaultShuffleBuffer = 100_000;

    /// <summary>The default <see cref="SchemaRows"/>.</summary>
    public const int DefaultSchemaRows = 100_000;

    /// <summary>Rows held for shuffling: each epoch, rows enter the buffer in file order and leave it in a random order
    /// (seeded by the seed and the epoch); a buffer at least as large as the training rows shuffles them completely, in
    /// exactly the order the in-memory trainer uses. 0 keeps the file order.</summary>
    public int ShuffleBuffer { get; init; } = DefaultShuffleBuffer;

    /// <summary>The first data rows read, as the in-memory loader reads a whole file, to decide each column's kind
    /// (numbers, categories, or unusable) and the task; the statistics then come from every row.</summary>
    public int SchemaRows { get; init; } = DefaultSchemaRows;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A negative buffer, or fewer than one schema row.</exception>
    public void Validate()
    {
        if (ShuffleBuffer < 0)
        {
            throw new ArgumentException($"StreamingOptions.ShuffleBuffer is {ShuffleBuffer}; it must be ≥ 0 rows (0 keeps the file order).", nameof(ShuffleBuffer));
        }

        if (SchemaRows < 1)
        {
            throw new ArgumentException($"StreamingOptions.SchemaRows is {SchemaRows}; at least one row is needed to decide the columns' kinds.", nameof(SchemaRows));
        }
    }
}
