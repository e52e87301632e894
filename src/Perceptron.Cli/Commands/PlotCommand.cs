using System.CommandLine;
using Perceptron.Cli.Pictures;
using Perceptron.Data;
using Perceptron.Tabular;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>
/// <c>perceptron plot KIND MODEL [DATA] --out FILE</c>: the lessons' pictures of what a network computes, for any saved
/// model: decision regions, one map per hidden unit, the network diagram, the optimizers' paths on a slice of its loss.
/// </summary>
internal static class PlotCommand
{
    private static readonly string[] Kinds = ["boundary", "units", "network", "paths"];

    public static Command Create(IAnsiConsole console)
    {
        var kind = new Argument<string>("KIND")
        {
            Description = "boundary: the regions (or values) over a 2-feature input plane, with the data's points; units: what each hidden unit computes over that plane; network: the units, weights and biases (with --sample, one row's activations); paths: SGD, momentum, Nesterov, RMSprop and Adam on a two-weight slice of a regression model's loss.",
        };
        kind.CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            string? match = Kinds.FirstOrDefault(k => string.Equals(k, text, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                string? suggestion = Suggestions.Closest(text, Kinds);
                result.AddError($"KIND must be one of {string.Join(", ", Kinds)}; got '{text}'{(suggestion is null ? "." : $"; did you mean '{suggestion}'?")}");
            }

            return match ?? text;
        };
        var model = new Argument<string>("MODEL") { Description = "A model file saved by 'perceptron train --out' or 'perceptron lesson --out'." };
        var data = new Argument<string?>("DATA") { Description = "The data to draw over (boundary, units, paths): a CSV file with the model's features and target, or a built-in data set.", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string>("--out") { Description = "The picture to write: .png, or .svg (boundary, network, paths).", Required = true };
        var sample = new Option<string?>("--sample") { Description = "network: one input row, comma-separated as the data holds it (e.g. 0.45,0.45), whose activations to show on the units." };
        var width = Options.Int("--width", "Picture width in pixels.", 900, minimum: 100);
        var height = Options.Int("--height", "Picture height in pixels.", 700, minimum: 100);
        var command = new Command("plot", "Draw what a saved network computes: its decision regions, its hidden units, its diagram or optimizers' paths on its loss.")
        {
            kind, model, data, output, sample, width, height,
        };
        command.SetAction(parsed => Run(console, parsed.GetValue(kind)!, parsed.GetValue(model)!, parsed.GetValue(data), parsed.GetValue(output)!,
            parsed.GetValue(sample), parsed.GetValue(width), parsed.GetValue(height)));
        return command;
    }

    private static int Run(IAnsiConsole console, string kind, string modelPath, string? dataPath, string output, string? sampleText, int width, int height)
    {
        PictureFile.Format(output);
        if (Directory.Exists(output))
        {
            throw new UserException($"--out '{output}' is a folder; give a file name ending in .png or .svg.", CliApp.Usage);
        }

        TabularModel model = ModelArgument.Load(modelPath, dataPath);
        var network = NetworkView.Of(model);
        string name = Path.GetFileName(modelPath);
        if (kind == "network")
        {
            double[][]? activations = null;
            if (sampleText is not null)
            {
                string[] parts = sampleText.Split(',', StringSplitOptions.TrimEntries);
                var sample = new double[parts.Length];
                for (int i = 0; i < parts.Length; i++)
                {
                    if (!double.TryParse(parts[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out sample[i]) || !double.IsFinite(sample[i]))
                    {
                        throw new UserException($"--sample expects comma-separated numbers such as 0.45,0.45; '{parts[i]}' is not one.", CliApp.Usage);
                    }
                }

                if (sample.Length != network.Widths[0])
                {
                    throw new UserException($"--sample has {sample.Length} values; {name} takes {network.Widths[0]} inputs.", CliApp.Usage);
                }

                activations = network.Forward([.. sample.Select(v => (float)v)]);
            }

            PictureFile.Save(NetworkDiagram.Build(network, $"{name}: {string.Join('-', network.Widths)}", activations), output, width, height);
        }
        else
        {
            if (dataPath is null)
            {
                throw new UserException($"plot {kind} draws over data: give DATA after MODEL (a CSV file or a built-in data set).", CliApp.Usage);
            }

            var options = new CsvLoadOptions { TargetName = model.TargetName, Task = model.Task };
            TabularDataset rows = DataSource.Load(dataPath, null, options, seed: 42);
            if (rows.Features.Columns != network.Widths[0])
            {
                throw new UserException($"{rows.Source} has {rows.Features.Columns} feature columns; {name} takes {network.Widths[0]} inputs.");
            }

            string title = $"{name} on {rows.Source}";
            switch (kind)
            {
                case "boundary":
                    PictureFile.Save(new BoundaryPicture(network, rows).Build(title), output, width, height);
                    break;
                case "units":
                    var plots = HiddenUnitsPicture.Build(network, rows);
                    int columns = Math.Min(8, plots.Count);
                    PictureFile.Save(plots, columns, output, width, (int)Math.Ceiling((double)width / columns * ((plots.Count + columns - 1) / columns)));
                    break;
                default:
                    if (rows.Task != TaskKind.Regression)
                    {
                        throw new UserException($"plot paths needs a regression model and data; {rows.Source} is a classification task.");
                    }

                    var paths = OptimizerPathPicture.Build(LossSlice.Of(network, rows), $"{title}: optimizers' paths");
                    PictureFile.Save(paths.Plot, output, width, height);
                    break;
            }
        }

        console.MarkupLineInterpolated($"[grey]wrote[/] {output}");
        return CliApp.Ok;
    }
}
