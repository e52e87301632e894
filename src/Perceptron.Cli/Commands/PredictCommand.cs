using System.CommandLine;
using System.Globalization;
using Perceptron.Data;
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
        TabularModel model = TabularModel.Load(modelPath);
        Matrix<float> features = LoadFeatures(model, dataPath);
        Matrix<float> outputs = model.Predict(features);
        if (outputPath is null)
        {
            WriteCsv(console.Profile.Out.Writer, model, outputs);
        }
        else
        {
            AtomicFile.WriteText(outputPath, writer => WriteCsv(writer, model, outputs));
            console.MarkupLineInterpolated($"{outputs.Rows} predictions written to [bold]{outputPath}[/]");
        }

        return CliApp.Ok;
    }

    private static Matrix<float> LoadFeatures(TabularModel model, string dataPath)
    {
        if (!File.Exists(dataPath))
        {
            throw new UserException($"'{dataPath}' does not exist; give a CSV file with the columns {string.Join(", ", model.FeatureNames)}.");
        }

        if (IsIdx(dataPath))
        {
            return IdxReader.ReadImages(dataPath);
        }

        return model.FeatureNames.Count > 0
            ? CsvLoader.LoadFeatures(dataPath, model.FeatureNames, ignoredColumns: model.TargetName is null ? [] : [model.TargetName])
            : throw new UserException("The model has no feature names, so CSV columns cannot be matched; retrain it with 'perceptron train'.");
    }

    /// <summary>IDX files start with two zero bytes (after gzip, whose magic is 1f 8b); CSV headers never do.</summary>
    private static bool IsIdx(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[2];
        int read = stream.Read(head);
        return read == 2 && ((head[0] == 0 && head[1] == 0) || (head[0] == 0x1f && head[1] == 0x8b && path.Contains("idx", StringComparison.OrdinalIgnoreCase)));
    }

    private static void WriteCsv(TextWriter writer, TabularModel model, Matrix<float> outputs)
    {
        bool classify = model.Task == TaskKind.Classification && model.ClassNames.Count == outputs.Columns;
        if (classify)
        {
            writer.WriteLine(string.Join(',', new[] { "class" }.Concat(model.ClassNames.Select(name => Quote("p_" + name)))));
            int[] classes = TabularModel.PredictedClasses(outputs);
            for (int row = 0; row < outputs.Rows; row++)
            {
                writer.Write(Quote(model.ClassNames[classes[row]]));
                foreach (float p in outputs.Row(row))
                {
                    writer.Write(',');
                    writer.Write(p.ToString("0.######", CultureInfo.InvariantCulture));
                }

                writer.WriteLine();
            }
        }
        else
        {
            writer.WriteLine(Quote(model.TargetName ?? "prediction"));
            for (int row = 0; row < outputs.Rows; row++)
            {
                writer.WriteLine(string.Join(',', outputs.Row(row).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            }
        }
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
