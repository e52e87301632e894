using System.CommandLine;
using Perceptron.Data;

namespace Perceptron.Cli;

/// <summary>
/// The options that say how to read a CSV file (its dialect), which columns are features, and how missing values and
/// categories are prepared; shared by train, evaluate and predict. Each maps to one <see cref="CsvLoadOptions"/> or
/// <see cref="PreprocessingOptions"/> property; values are checked here, so a bad one is a usage error before any data is read.
/// </summary>
internal sealed class DataOptions
{
    private readonly Option<bool> _noHeader = new("--no-header") { Description = "The file has no header row: columns are x0, x1, … (--target takes a name or an index)." };
    private readonly Option<int> _skipRows = Options.Int("--skip-rows", "Skip this many lines at the start of the file.", 0, minimum: 0);
    private readonly Option<char?> _comment = Character("--comment", "Skip lines that start with this character, e.g. '#' (such lines before the header are skipped anyway).");
    private readonly Option<char?> _delimiter = Character("--delimiter", "Field separator: one character such as ';' or '|', or 'tab' (default: detected among , ; tab |).");
    private readonly Option<char?> _decimal = Character("--decimal", "Decimal separator of numbers: '.' (default) or ','; never taken from the machine's language settings.", ".,");
    private readonly Option<char?> _quote = Character("--quote", "Quote character around fields that hold delimiters: '\"' (default) or e.g. \"'\".");
    private readonly Option<string[]?> _missing = List("--missing-values", $"Cells read as missing, comma-separated (default: {string.Join(",", CsvLoadOptions.DefaultMissingValues)}); empty cells always are.");
    private readonly Option<string[]?> _ignore = List("--ignore", "Columns to leave out, comma-separated names (or 0-based indices).");
    private readonly Option<string[]?> _features = List("--features", "Use only these columns as features, comma-separated names (or 0-based indices).");
    private readonly Option<string[]?> _categorical = List("--categorical", "Treat these columns as categories (one-hot encoded) even if they hold numbers.");
    private readonly Option<bool> _autoColumns = new("--auto-columns") { Description = "Leave out columns that cannot be features (dates, free text, identifiers, empty) with a note, instead of stopping." };
    private readonly Option<string> _impute = Options.Choice("--impute", "Fill missing numbers with the training rows' median, mean or most-frequent value (categories take the most frequent).", ["median", "mean", "most-frequent"], "median");
    private readonly Option<bool> _indicators = new("--missing-indicators") { Description = "Add a 0/1 input per feature with missing values in the training rows." };
    private readonly Option<int> _maxCategories = Options.Int("--max-categories", "Most categories one-hot encoded per column (the most frequent); the rest share an 'other' input.", PreprocessingOptions.Default.MaxCategories, minimum: 1);

    private DataOptions(bool columns, bool preprocessing)
    {
        All = [_noHeader, _skipRows, _comment, _delimiter, _decimal, _quote, _missing, .. columns ? new Option[] { _ignore, _features, _categorical, _autoColumns } : [],
            .. preprocessing ? new Option[] { _impute, _indicators, _maxCategories } : []];
    }

    /// <summary>Every option, to add to a command.</summary>
    public IReadOnlyList<Option> All { get; }

    /// <summary>Dialect, columns and preprocessing: for train.</summary>
    public static DataOptions ForTraining() => new(columns: true, preprocessing: true);

    /// <summary>Dialect only: for evaluate and predict, which read columns as the model does.</summary>
    public static DataOptions ForModel() => new(columns: false, preprocessing: false);

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The CSV options the command line gives, with the target, task and row handling.</summary>
    public CsvLoadOptions Csv(ParseResult parsed, string? target = null, string? task = null, bool dropInvalidRows = false)
    {
        var options = DataSource.CsvOptions(target, task, dropInvalidRows) with
        {
            HasHeader = parsed.GetValue(_noHeader) ? false : null,
            SkipRows = parsed.GetValue(_skipRows),
            Comment = parsed.GetValue(_comment),
            Delimiter = parsed.GetValue(_delimiter),
            DecimalSeparator = parsed.GetValue(_decimal) ?? '.',
            Quote = parsed.GetValue(_quote) ?? '"',
            MissingValues = parsed.GetResult(_missing) is null ? CsvLoadOptions.DefaultMissingValues : parsed.GetValue(_missing) ?? [],
        };
        if (All.Contains(_ignore))
        {
            options = options with
            {
                Ignore = parsed.GetValue(_ignore) ?? [],
                Features = parsed.GetValue(_features) is { Length: > 0 } features ? features : null,
                Categorical = parsed.GetValue(_categorical) ?? [],
                AutoColumns = parsed.GetValue(_autoColumns),
            };
        }

        try
        {
            // Contradictions (the same character as delimiter and decimal separator…) are usage errors, found before any data is read.
            options.Validate();
        }
        catch (ArgumentException exception)
        {
            throw new UserException(exception.Message.Replace("The delimiter", "--delimiter", StringComparison.Ordinal)
                .Replace("The quote character", "--quote", StringComparison.Ordinal).Replace("The comment character", "--comment", StringComparison.Ordinal)
                .Replace("The decimal separator", "--decimal", StringComparison.Ordinal), CliApp.Usage);
        }

        return options;
    }

    /// <summary>The preprocessing settings: imputation, indicators and the category cap.</summary>
    public (ImputeStrategy Impute, bool Indicators, int MaxCategories) Preprocessing(ParseResult parsed) =>
        (ParseImpute(parsed.GetValue(_impute)!) ?? ImputeStrategy.Median, parsed.GetValue(_indicators), parsed.GetValue(_maxCategories));

    private static ImputeStrategy? ParseImpute(string name) => name.ToLowerInvariant() switch
    {
        "median" => ImputeStrategy.Median,
        "mean" => ImputeStrategy.Mean,
        "most-frequent" or "most_frequent" => ImputeStrategy.MostFrequent,
        _ => null,
    };

    /// <summary>A one-character option (one of <paramref name="allowed"/> when given); "tab" and "\t" mean a tab.</summary>
    private static Option<char?> Character(string name, string description, string? allowed = null) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (text is "tab" or "\\t" or "\t")
            {
                return '\t';
            }

            if (text.Length != 1 || (allowed is not null && !allowed.Contains(text[0], StringComparison.Ordinal)))
            {
                string expected = allowed is null ? $"one character, such as ';'{(name == "--delimiter" ? " or tab" : "")}" : string.Join(" or ", allowed.Select(c => $"'{c}'"));
                result.AddError($"{name} expects {expected}; got '{text}'.");
                return null;
            }

            return text[0];
        },
    };

    /// <summary>A comma-separated list option ("a,b,c", or repeated: --ignore a --ignore b).</summary>
    private static Option<string[]?> List(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = result =>
        {
            string[] items = [.. result.Tokens.SelectMany(token => token.Value.Split(',')).Select(item => item.Trim())];
            if (name != "--missing-values" && items.Any(item => item.Length == 0))
            {
                result.AddError($"{name} expects comma-separated column names, such as a,b; got '{string.Join(",", result.Tokens.Select(t => t.Value))}'.");
            }

            return items;
        },
    };
}
