using System.CommandLine;
using Perceptron.Data;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary><c>perceptron predict MODEL DATA</c>: predictions as CSV, to a file or the console.</summary>
internal static class PredictCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var model = new Argument<string>("MODEL") { Description = "A model file saved by 'perceptron train --out'." };
        var data = new Argument<string>("DATA") { Description = "A CSV file with the model's feature columns (other columns, such as the target, are skipped), or IDX images." };
        var output = new Option<string?>("--out") { Description = "Write the predictions to this CSV file instead of the console." };
        var keep = new Option<string[]?>("--keep")
        {
            Description = "Copy these input columns (comma-separated names, e.g. an id) into the predictions, before the predicted columns.",
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result => [.. result.Tokens.SelectMany(token => token.Value.Split(',')).Select(item => item.Trim())],
        };
        var command = new Command("predict", "Predict with a saved model: the class and each class's probability, or the value, one CSV row per input row.")
        {
            model, data, output, keep,
        };
        var dataOptions = DataOptions.ForModel();
        dataOptions.AddTo(command);
        command.SetAction(parsed => Run(console, error, parsed.GetValue(model)!, parsed.GetValue(data)!, parsed.GetValue(output), dataOptions.Csv(parsed), parsed.GetValue(keep) ?? []));
        return command;
    }

    private static int Run(IAnsiConsole console, TextWriter error, string modelPath, string dataPath, string? outputPath, CsvLoadOptions csv, string[] keep)
    {
        TabularModel model = ModelArgument.Load(modelPath, dataPath);

        // Row by row: the input is read in chunks and each prediction written as it is made, so a file of any size fits.
        // To a file, through a temporary file renamed at the end: an error leaves no partial predictions behind.
        FeatureRows rows;
        if (outputPath is null)
        {
            rows = model.PredictFile(dataPath, console.Profile.Out.Writer, csv, keep);
        }
        else
        {
            FeatureRows? written = null;
            AtomicFile.WriteText(outputPath, writer => written = model.PredictFile(dataPath, writer, csv, keep));
            rows = written!;
        }

        // Said once, on standard error, so the predictions on standard output stay a clean CSV.
        foreach (string line in DataReport.Lines(rows))
        {
            error.WriteLine($"perceptron: {(line.StartsWith("warning:", StringComparison.Ordinal) ? "" : "note: ")}{line}");
        }

        if (outputPath is not null)
        {
            console.MarkupLineInterpolated($"{rows.Rows} predictions written to [bold]{outputPath}[/]");
        }

        return CliApp.Ok;
    }
}
