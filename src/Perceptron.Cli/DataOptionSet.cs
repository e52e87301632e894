using System.CommandLine;
using Perceptron.Data;

namespace Perceptron.Cli;

/// <summary>The DATA argument and the options that say how to read it, shared by the commands that train (train, cv, tune).</summary>
internal sealed class DataOptionSet
{
    public Argument<string> Data { get; } = new("DATA") { Description = "A CSV file (header row), IDX images (with --labels), or a built-in data set (see 'perceptron datasets')." };

    public Option<string?> Labels { get; } = new("--labels") { Description = "IDX labels file for IDX images (e.g. MNIST's labels-idx1-ubyte.gz)." };

    public Option<string?> Target { get; } = new("--target") { Description = "Target column: header name or 0-based index (default: the last column)." };

    public Option<string> Task { get; } = Options.Choice("--task", "classification or regression (default: inferred from the target).", ["classification", "regression"], defaultValue: null);

    public Option<bool> DropInvalidRows { get; } = new("--drop-invalid-rows") { Description = "Skip CSV rows with missing or non-numeric cells instead of failing." };

    /// <summary>Adds the argument and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Data);
        foreach (Option option in (Option[])[Labels, Target, Task, DropInvalidRows])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Reads the data the options describe.</summary>
    public TabularDataset Load(ParseResult parsed, int seed) =>
        DataSource.Load(parsed.GetValue(Data)!, parsed.GetValue(Labels), DataSource.CsvOptions(parsed.GetValue(Target), parsed.GetValue(Task), parsed.GetValue(DropInvalidRows)), seed);
}
