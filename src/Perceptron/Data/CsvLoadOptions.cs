namespace Perceptron.Data;

/// <summary>How <see cref="CsvLoader"/> reads a CSV file. Every property has a working default.</summary>
/// <example><code>var options = new CsvLoadOptions { TargetName = "species", DropInvalidRows = true };</code></example>
public sealed record CsvLoadOptions
{
    /// <summary>The defaults: target is the last column, task inferred, delimiter detected, invalid rows are errors.</summary>
    public static CsvLoadOptions Default { get; } = new();

    /// <summary>The target column by header name (exact, case-sensitive); <see langword="null"/> to use <see cref="TargetIndex"/>.</summary>
    public string? TargetName { get; init; }

    /// <summary>The target column by 0-based index; <see langword="null"/> (and no <see cref="TargetName"/>) means the last column.</summary>
    public int? TargetIndex { get; init; }

    /// <summary>Forces classification or regression; <see langword="null"/> infers it from the target (see docs/data.md).</summary>
    public TaskKind? Task { get; init; }

    /// <summary>The field separator: ',' ';' or '\t'; <see langword="null"/> detects it from the header row.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Skip rows with a missing, non-numeric, non-finite or out-of-range cell instead of failing; the count is
    /// reported in <see cref="TabularDataset.DroppedRows"/>. Ragged rows are always an error.</summary>
    public bool DropInvalidRows { get; init; }

    /// <summary>Most columns accepted, ≥ 1; the default 100,000 refuses absurd headers before they cost memory.</summary>
    public int MaxColumns { get; init; } = 100_000;

    /// <summary>Most feature cells (rows × features) accepted, 1..<see cref="Array.MaxLength"/>; the default 250 million is 1 GB of floats.</summary>
    public long MaxCells { get; init; } = 250_000_000;

    internal void Validate()
    {
        if (TargetName is not null && TargetIndex is not null)
        {
            throw new ArgumentException($"Both TargetName ('{TargetName}') and TargetIndex ({TargetIndex}) are set; set only one.");
        }

        if (TargetIndex < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TargetIndex), TargetIndex, "TargetIndex must be ≥ 0 (0-based).");
        }

        if (Delimiter is not null and not (',' or ';' or '\t'))
        {
            throw new ArgumentOutOfRangeException(nameof(Delimiter), Delimiter, "Delimiter must be ',', ';' or '\\t' (or null to detect it).");
        }

        if (Task is not null and not (TaskKind.Classification or TaskKind.Regression))
        {
            throw new ArgumentOutOfRangeException(nameof(Task), Task, "Task must be Classification, Regression or null.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxColumns, 1, nameof(MaxColumns));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCells, 1, nameof(MaxCells));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxCells, Array.MaxLength, nameof(MaxCells)); // one float array holds them all
    }
}
