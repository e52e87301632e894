using System.CommandLine;
using Perceptron.Data;
using Perceptron.Tabular;
using Spectre.Console;

namespace Perceptron.Cli;

/// <summary>The DATA argument and the options that say how to read it (target, task, CSV dialect, columns) and how to
/// prepare it (imputation, categories), shared by the commands that train (train, cv, tune).</summary>
internal sealed class DataOptionSet
{
    public Argument<string> Data { get; } = new("DATA") { Description = "A CSV file (plain or gzip), IDX images (with --labels), or a built-in data set (see 'perceptron datasets')." };

    public Option<string?> Labels { get; } = new("--labels") { Description = "IDX labels file for IDX images (e.g. MNIST's labels-idx1-ubyte.gz)." };

    public Option<string?> Target { get; } = new("--target") { Description = "Target column: header name or 0-based index (default: the last column)." };

    public Option<string> Task { get; } = Options.Choice("--task", "classification or regression (default: inferred from the target).", ["classification", "regression"], defaultValue: null);

    public Option<bool> DropInvalidRows { get; } = new("--drop-invalid-rows") { Description = "Skip CSV rows with missing or invalid cells (counted per column) instead of imputing missing cells and stopping at invalid ones." };

    /// <summary>The CSV dialect, column and preprocessing options.</summary>
    public DataOptions Reading { get; } = DataOptions.ForTraining();

    /// <summary>Adds the argument and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Data);
        foreach (Option option in (Option[])[Labels, Target, Task, DropInvalidRows])
        {
            command.Options.Add(option);
        }

        Reading.AddTo(command);
    }

    /// <summary>Reads the data the options describe.</summary>
    public TabularDataset Load(ParseResult parsed, int seed) =>
        DataSource.Load(parsed.GetValue(Data)!, parsed.GetValue(Labels), Csv(parsed), seed);

    /// <summary>The CSV options the command line gives: target, task, dialect, columns, invalid rows.</summary>
    public CsvLoadOptions Csv(ParseResult parsed) =>
        Reading.Csv(parsed, parsed.GetValue(Target), parsed.GetValue(Task), parsed.GetValue(DropInvalidRows));

    /// <summary><paramref name="options"/> with the preprocessing the command line asks for: imputation, indicators, the category cap.</summary>
    public TabularOptions WithPreprocessing(ParseResult parsed, TabularOptions options)
    {
        var (impute, indicators, maxCategories) = Reading.Preprocessing(parsed);
        return options with { Impute = impute, MissingIndicators = indicators, MaxCategories = maxCategories };
    }

    /// <summary>What the loader did and how the data will be prepared, one note a line: on the console, or on standard
    /// error with --json (standard output then holds only the JSON); nothing with --quiet.</summary>
    public static void Report(IAnsiConsole console, TextWriter error, TabularDataset data, ImputeStrategy impute, bool quiet, bool json)
    {
        if (quiet)
        {
            return;
        }

        foreach (string line in DataReport.Lines(data, impute))
        {
            if (json)
            {
                error.WriteLine($"{CliApp.ProgramName}: note: {line}");
            }
            else
            {
                console.MarkupLineInterpolated($"[grey]note:[/] {line}");
            }
        }
    }
}
