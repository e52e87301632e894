using System.CommandLine;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Tensors;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary><c>perceptron predict MODEL DATA</c>: predictions as CSV, to a file or the console.</summary>
internal static class PredictCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Argument<string>("MODEL") { Description = "A model file saved by 'perceptron train --out'." };
        var data = new Argument<string>("DATA") { Description = "A CSV file with the model's feature columns (a target column, if present, is ignored), or IDX images." };
        var output = new Option<string?>("--out") { Description = "Write the predictions to this CSV file instead of the console." };
        var command = new Command("predict", "Predict with a saved model: the class and each class's probability, or the value, one CSV row per input row.")
        {
            model, data, output,
        };
        command.SetAction(parsed => Run(console, parsed.GetValue(model)!, parsed.GetValue(data)!, parsed.GetValue(output)));
        return command;
    }

    private static int Run(IAnsiConsole console, string modelPath, string dataPath, string? outputPath)
    {
        TabularModel model = ModelArgument.Load(modelPath, dataPath);
        Matrix<float> outputs = model.Predict(model.ReadFeatures(dataPath));
        if (outputPath is null)
        {
            model.WritePredictions(console.Profile.Out.Writer, outputs);
        }
        else
        {
            AtomicFile.WriteText(outputPath, writer => model.WritePredictions(writer, outputs));
            console.MarkupLineInterpolated($"{outputs.Rows} predictions written to [bold]{outputPath}[/]");
        }

        return CliApp.Ok;
    }
}
