using System.CommandLine;
using Perceptron.Cli.Pictures;
using Perceptron.Data;
using Perceptron.Tabular;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>
/// <c>perceptron plot KIND MODEL [DATA] --out FILE</c>: the lessons' pictures of what a network computes, for any saved
/// model: decision regions, one map per hidden unit, the network diagram, the optimizers' paths on a slice of its loss,
/// per-layer histograms of activations and gradients, and the computation graph of one sample.
/// </summary>
internal static class PlotCommand
{
    private static readonly string[] Kinds = ["boundary", "units", "network", "paths", "histograms", "graph"];

    /// <summary>Rows the histograms use at most (evenly spaced through the data), so any data set draws quickly.</summary>
    public const int HistogramRows = 1000;

    public static Command Create(IAnsiConsole console)
    {
        var kind = new Argument<string>("KIND")
        {
            Description = $"boundary: the regions (or values) over a 2-feature input plane, with the data's points; units: what each hidden unit computes over that plane; network: the units, weights and biases (with --sample, one row's activations; with --target too, each unit's δ); paths: SGD, momentum, Nesterov, RMSprop and Adam on a two-weight slice of a regression model's loss; histograms: each layer's activations and gradients over the data's rows (saturated sigmoids, dead ReLUs, vanishing gradients); graph: every input, weight, bias, z, activation and the loss of one sample (--sample, --target) with its value and gradient, for networks of at most {ComputationGraph.MaxParameters} weights and biases.",
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
        var data = new Argument<string?>("DATA") { Description = $"The data to draw over (boundary, units, paths, histograms; histograms use at most {HistogramRows} rows, evenly spaced): a CSV file with the model's features and target, or a built-in data set.", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string>("--out") { Description = "The picture to write: .png, or .svg (boundary, network, paths, graph).", Required = true };
        var sample = new Option<string?>("--sample") { Description = "network, graph: one input row, comma-separated as the data holds it (e.g. 0.45,0.45), whose activations to show on the units." };
        var target = new Option<string?>("--target") { Description = "network, graph: the sample's target (a value such as 0.9, or a class name as the data holds it), so each unit also shows its gradient δ = ∂loss/∂z." };
        var width = Options.Int("--width", "Picture width in pixels (histograms and graph grow past it when they need room).", 900, minimum: 100);
        var height = Options.Int("--height", "Picture height in pixels (histograms and graph grow past it when they need room).", 700, minimum: 100);
        var command = new Command("plot", "Draw what a saved network computes: its decision regions, its hidden units, its diagram, optimizers' paths on its loss, its layers' histograms or one sample's computation graph.")
        {
            kind, model, data, output, sample, target, width, height,
        };
        command.SetAction(parsed => Run(console, parsed.GetValue(kind)!, parsed.GetValue(model)!, parsed.GetValue(data), parsed.GetValue(output)!,
            new SampleText(parsed.GetValue(sample), parsed.GetValue(target)), parsed.GetValue(width), parsed.GetValue(height)));
        return command;
    }

    private static int Run(IAnsiConsole console, string kind, string modelPath, string? dataPath, string output, SampleText sampleText, int width, int height)
    {
        PictureFile.Format(output);
        if (Directory.Exists(output))
        {
            throw new UserException($"--out '{output}' is a folder; give a file name ending in .png or .svg.", CliApp.Usage);
        }

        if (sampleText.Target is not null && sampleText.Sample is null)
        {
            throw new UserException("--target goes with --sample: it is that sample's target (e.g. --sample 0.45,0.45 --target 0.9).", CliApp.Usage);
        }

        if (kind == "graph" && (sampleText.Sample is null || sampleText.Target is null))
        {
            throw new UserException("plot graph shows one sample's values and gradients: give --sample and --target (e.g. --sample 0.45,0.45 --target 0.9).", CliApp.Usage);
        }

        TabularModel model = ModelArgument.Load(modelPath, dataPath);
        var network = NetworkView.Of(model);
        string name = Path.GetFileName(modelPath);
        string shape = string.Join('-', network.Widths);
        if (kind is "network" or "graph")
        {
            DrawSample(kind, network, name, shape, sampleText, output, width, height);
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
                case "histograms":
                    DrawHistograms(network, name, rows, output, width, height);
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

    /// <summary>The network diagram (with the sample's activations, and its δ given a target) or the sample's computation graph.</summary>
    private static void DrawSample(string kind, NetworkView network, string name, string shape, SampleText text, string output, int width, int height)
    {
        if (kind == "graph" && ComputationGraph.Parameters(network) > ComputationGraph.MaxParameters)
        {
            throw new UserException($"plot graph draws every weight and bias as a box, so it takes networks of at most {ComputationGraph.MaxParameters}; {name} ({shape}) has {ComputationGraph.Parameters(network)}. Use plot network, or a smaller network.", CliApp.Usage);
        }

        float[]? sample = text.Sample is null ? null : ParseSample(text.Sample, network, name);
        EnginePass? pass = null;
        if (sample is not null && text.Target is not null)
        {
            var x = network.Scale(new Perceptron.Tensors.Matrix<float>(1, sample.Length, sample));
            pass = EnginePass.Run(network, x, LossTargets.Parse(network, text.Target));
        }

        if (kind == "network")
        {
            double[][]? activations = sample is null ? null : network.Forward(sample);
            double[][]? deltas = pass is null ? null : [.. pass.Layers.Select(layer => layer.Deltas)];
            string title = $"{name}: {shape}" + (text.Target is null ? "" : $", sample {text.Sample} with target {(network.IsClassifier ? "class " : "")}{text.Target.Trim()}");
            PictureFile.Save(NetworkDiagram.Build(network, title, activations, deltas), output, width, height);
            return;
        }

        float targetValue = LossTargets.Parse(network, text.Target!)[0, 0];
        string target = network.IsClassifier ? $"class {text.Target!.Trim()}"
            : network.Model.TargetScaler is null ? text.Target!.Trim()
            : $"{text.Target!.Trim()} (scaled as trained: {HistogramsPicture.Number(targetValue)})";
        var graph = ComputationGraph.Of(network, pass!, target, targetValue);
        var plot = graph.Draw($"{name} ({shape}) on the sample {text.Sample} with target {target}: values and gradients");
        PictureFile.Save(plot, output, Math.Max(width, graph.Size.Width), Math.Max(height, graph.Size.Height));
    }

    private static void DrawHistograms(NetworkView network, string name, TabularDataset data, string output, int width, int height)
    {
        int step = (data.Rows + HistogramRows - 1) / HistogramRows;
        int[] chosen = [.. Enumerable.Range(0, data.Rows).Where(row => row % step == 0)];
        TabularDataset rows = chosen.Length == data.Rows ? data : data.SelectRows(chosen);
        var pass = EnginePass.Run(network, network.Inputs(rows), LossTargets.Of(network, rows));
        var statistics = HistogramsPicture.Measure(network, [pass]);
        string caption = chosen.Length == data.Rows ? $"{name}, {rows.Rows} rows" : $"{name}, {rows.Rows} of {data.Rows} rows";
        var plots = HistogramsPicture.Build(statistics, [caption]);
        int columns = network.Layers.Count;
        PictureFile.Save(plots, columns, output, Math.Max(width, columns * HistogramsPicture.PanelWidth), Math.Max(height, 2 * HistogramsPicture.PanelHeight));
    }

    private static float[] ParseSample(string text, NetworkView network, string name)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sample = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new UserException($"--sample expects comma-separated numbers such as 0.45,0.45; '{parts[i]}' is not one.", CliApp.Usage);
            }

            sample[i] = (float)value;
        }

        if (sample.Length != network.Widths[0])
        {
            throw new UserException($"--sample has {sample.Length} values; {name} takes {network.Widths[0]} inputs.", CliApp.Usage);
        }

        return sample;
    }

    private sealed record SampleText(string? Sample, string? Target);
}
