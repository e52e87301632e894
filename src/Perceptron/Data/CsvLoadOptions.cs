namespace Perceptron.Data;

/// <summary>How <see cref="CsvLoader"/> reads a CSV file: its dialect, the target, and which columns are features.
/// Every property has a working default; the <c>perceptron</c> option that sets each is named in its summary.</summary>
/// <example><code>var options = new CsvLoadOptions { TargetName = "species", Comment = '#', Ignore = ["id"] };</code></example>
public sealed record CsvLoadOptions
{
    /// <summary>The cells read as missing by default (besides empty cells): NA, N/A, NaN, ?, null, None and their usual spellings.</summary>
    public static IReadOnlyList<string> DefaultMissingValues { get; } = ["NA", "N/A", "n/a", "NaN", "nan", "-nan", "?", "null", "NULL", "None", "<NA>", "#N/A"];

    // Declared after DefaultMissingValues: static properties are initialised in order.
    /// <summary>The defaults: target is the last column, task inferred, dialect detected, missing cells kept for imputation.</summary>
    public static CsvLoadOptions Default { get; } = new();

    /// <summary>The target column by header name (exact, case-sensitive); <see langword="null"/> to use <see cref="TargetIndex"/> (<c>--target NAME</c>).</summary>
    public string? TargetName { get; init; }

    /// <summary>The target column by 0-based index; <see langword="null"/> (and no <see cref="TargetName"/>) means the last column (<c>--target N</c>).</summary>
    public int? TargetIndex { get; init; }

    /// <summary>Forces classification or regression; <see langword="null"/> infers it from the target (see docs/data.md) (<c>--task</c>).</summary>
    public TaskKind? Task { get; init; }

    /// <summary>The field separator: any character but the quote, a letter, a digit, '.', '-', '+' or a line end;
    /// <see langword="null"/> detects ',' ';' tab or '|' from the first line (<c>--delimiter</c>).</summary>
    public char? Delimiter { get; init; }

    /// <summary>The character that quotes fields holding delimiters or line breaks: '"' (the default) or, for example, '\'' (<c>--quote</c>).</summary>
    public char Quote { get; init; } = '"';

    /// <summary>Lines that start with this character (after spaces) are skipped wherever they are; <see langword="null"/> for none
    /// (lines starting with '#' before the header are still skipped, with a note) (<c>--comment</c>).</summary>
    public char? Comment { get; init; }

    /// <summary>The decimal separator of numbers: '.' (the default) or ','; never taken from the machine's culture (<c>--decimal</c>).</summary>
    public char DecimalSeparator { get; init; } = '.';

    /// <summary>Whether the first row names the columns; <see langword="null"/> detects it (a first row of numbers only is data).
    /// Without a header the columns are named x0, x1, … (<c>--no-header</c> sets false).</summary>
    public bool? HasHeader { get; init; }

    /// <summary>Lines skipped at the start of the file before anything is read, ≥ 0 (<c>--skip-rows</c>).</summary>
    public int SkipRows { get; init; }

    /// <summary>Cell values read as missing, compared after trimming spaces; an empty cell is always missing (<c>--missing-values</c>).</summary>
    public IReadOnlyList<string> MissingValues { get; init; } = DefaultMissingValues;

    /// <summary>The feature columns, by name or 0-based index; <see langword="null"/> uses every column but the target and
    /// <see cref="Ignore"/>. Listed columns are never set aside as unusable (<c>--features</c>).</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>Columns to leave out, by name or 0-based index (<c>--ignore</c>).</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Columns to treat as categories (one-hot encoded later) even if they hold numbers (<c>--categorical</c>).</summary>
    public IReadOnlyList<string> Categorical { get; init; } = [];

    /// <summary>Columns that must hold numbers: text in them is an invalid cell, never a category (used to read data in a model's schema).</summary>
    public IReadOnlyList<string> Numeric { get; init; } = [];

    /// <summary>Leave out columns that cannot be features (dates, free text, identifiers, empty columns), listed in
    /// <see cref="TabularDataset.Notes"/>, instead of failing (<c>--auto-columns</c>).</summary>
    public bool AutoColumns { get; init; }

    /// <summary>Skip rows with a missing or invalid feature cell instead of imputing or failing; the counts per column are
    /// reported in <see cref="TabularDataset.DroppedRowsByColumn"/> (<c>--drop-invalid-rows</c>).</summary>
    public bool DropInvalidRows { get; init; }

    /// <summary>Most columns accepted, ≥ 1; the default 100,000 refuses absurd headers before they cost memory.</summary>
    public int MaxColumns { get; init; } = 100_000;

    /// <summary>Most feature cells (rows × features) accepted, 1..<see cref="Array.MaxLength"/>; the default 250 million is 1 GB of floats.</summary>
    public long MaxCells { get; init; } = 250_000_000;

    /// <summary>Checks that the options are in range and do not contradict each other (the loaders call it first).</summary>
    /// <exception cref="ArgumentException">A setting is out of range or contradicts another; the message says which.</exception>
    public void Validate()
    {
        if (TargetName is not null && TargetIndex is not null)
        {
            throw new ArgumentException($"Both TargetName ('{TargetName}') and TargetIndex ({TargetIndex}) are set; set only one.");
        }

        if (TargetIndex < 0)
        {
            throw new ArgumentException($"The target index must be ≥ 0 (0-based); got {TargetIndex}.");
        }

        if (DecimalSeparator is not ('.' or ','))
        {
            throw new ArgumentException($"The decimal separator must be '.' or ','; got '{DecimalSeparator}'.");
        }

        if (!IsSeparator(Quote) || Quote == DecimalSeparator)
        {
            throw new ArgumentException($"The quote character cannot be '{Show(Quote)}'; use '\"' or '\\''.");
        }

        if (Delimiter is char d && (!IsSeparator(d) || d == Quote || d == DecimalSeparator))
        {
            throw new ArgumentException($"The delimiter cannot be '{Show(d)}'{(d == DecimalSeparator ? ", the decimal separator" : d == Quote ? ", the quote character" : "")}; use ',', ';', tab or '|'.");
        }

        if (Comment is char c && (!IsSeparator(c) || c == Quote || c == Delimiter))
        {
            throw new ArgumentException($"The comment character cannot be '{Show(c)}'; use '#' or another character that starts no data line.");
        }

        if (Task is not null and not (TaskKind.Classification or TaskKind.Regression))
        {
            throw new ArgumentException($"The task must be classification, regression or inferred; got {Task}.");
        }

        if (SkipRows < 0 || MaxColumns < 1 || MaxCells < 1 || MaxCells > Array.MaxLength)
        {
            throw new ArgumentException($"Out of range: the rows to skip ({SkipRows}) must be ≥ 0, the column limit ({MaxColumns}) ≥ 1, and the cell limit ({MaxCells}) in 1..{Array.MaxLength}.");
        }

        if (MissingValues is null || Ignore is null || Categorical is null || Numeric is null)
        {
            throw new ArgumentException("The missing values and the ignored, categorical and numeric column lists cannot be null; use [] for none.");
        }

        string? both = Categorical.Intersect(Numeric, StringComparer.Ordinal).FirstOrDefault();
        if (both is not null)
        {
            throw new ArgumentException($"The column '{both}' is declared both categorical and numeric; declare it once.");
        }
    }

    /// <summary>A character that can separate or quote fields: not a letter, digit, sign, point, space or line end.</summary>
    private static bool IsSeparator(char c) => !(char.IsLetterOrDigit(c) || c is '.' or '-' or '+' or ' ' or '\r' or '\n' or '\0');

    private static string Show(char c) => c switch { '\t' => "\\t", '\r' => "\\r", '\n' => "\\n", '\0' => "\\0", _ => c.ToString() };
}
