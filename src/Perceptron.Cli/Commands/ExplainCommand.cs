using System.CommandLine;
using Perceptron.Activations;
using Perceptron.Classic;
using Perceptron.Data;
using Perceptron.Explain;
using Perceptron.Optimizers;
using Perceptron.Tabular;
using Perceptron.Tensors;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>
/// <c>perceptron explain</c>: every value of one training step on one sample, in order, each with its formula and the
/// source line computing it: the classic network (<c>--classic</c>, with the demo's options), a saved model on a row
/// of a CSV file, or a fresh model on a row of a data set.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var source = new Argument<string?>("SOURCE") { Description = "A model file (then DATA is required), or a data set: a CSV file or a built-in name. Leave out with --classic.", Arity = ArgumentArity.ZeroOrOne };
        var data = new Argument<string?>("DATA") { Description = "With a model file: the CSV file (or built-in data set) holding the row.", Arity = ArgumentArity.ZeroOrOne };
        var classic = new Option<bool>("--classic") { Description = "Explain the classic network of 'perceptron demo' (same options and seed, so the same data and weights)." };
        var sample = Options.Int("--sample", "With --classic: the training sample (0-based).", 0, minimum: 0);
        var row = Options.Int("--row", "With a model or data set: the row (0-based).", 0, minimum: 0);
        var epoch = Options.Int("--epoch", "The epoch of the step, from 1: --classic trains the earlier epochs and samples first; a data set trains the earlier epochs first.", 1, minimum: 1);
        var hidden = Options.LayerSizes("--hidden", "With --classic: hidden layer sizes.", [5]);
        var samples = Options.Int("--samples", "With --classic: number of random training pairs.", 5000, minimum: 1);
        var noBiases = new Option<bool>("--no-biases") { Description = "With --classic: leave out biases, as the original does." };
        var learningRate = new Option<double?>("--learning-rate") { Description = "Step size (default 0.1 with --classic, else the optimizer's default)." };
        var seed = Options.Int("--seed", "Seed (as in 'demo' with --classic, as in 'train' for a data set).", 42, minimum: int.MinValue);
        var layers = Options.LayerSizes("--layers", "With a data set: hidden layer sizes of the fresh model.", [8]);
        var activation = new Option<string>("--activation") { Description = "With a data set: hidden activation.", DefaultValueFactory = _ => "relu" };
        var optimizer = new Option<string>("--optimizer") { Description = "With a data set: sgd, momentum, nesterov, adam, adamw or rmsprop.", DefaultValueFactory = _ => "adam" };
        var l2 = new Option<double>("--l2") { Description = "With a data set: L2 penalty λ on the weights.", DefaultValueFactory = _ => 0 };
        var dropout = new Option<double>("--dropout") { Description = "With a data set: dropout rate after each hidden layer.", DefaultValueFactory = _ => 0 };
        var target = new Option<string?>("--target") { Description = "With a CSV data set: the target column (name or 0-based index; default: the last)." };
        var markdown = new Option<bool>("--markdown") { Description = "Print Markdown (headings and tables), to paste into a lesson." };
        var json = new Option<bool>("--json") { Description = "Print every number at full precision as JSON (fields in docs/explain.md)." };
        var full = new Option<bool>("--full") { Description = $"Show matrices in full (otherwise those over {ExplainRenderer.MaxShown}×{ExplainRenderer.MaxShown} are abbreviated)." };

        var command = new Command("explain", "Show every value of one training step (W, b, h, a, the loss, e, δ, gradients, the update), each with its formula and source line.")
        {
            source, data, classic, sample, row, epoch, hidden, samples, noBiases, learningRate, seed, layers, activation, optimizer, l2, dropout, target, markdown, json, full,
        };
        command.SetAction(parsed =>
        {
            StepExplanation step;
            if (parsed.GetValue(classic))
            {
                if (parsed.GetValue(source) is not null)
                {
                    throw new UserException("--classic explains the demo's network; leave out SOURCE and DATA (or leave out --classic).", CliApp.Usage);
                }

                step = ExplainClassic(parsed.GetValue(hidden)!, parsed.GetValue(samples), parsed.GetValue(seed), !parsed.GetValue(noBiases),
                    parsed.GetValue(learningRate) ?? 0.1, parsed.GetValue(sample), parsed.GetValue(epoch));
            }
            else
            {
                string first = parsed.GetValue(source)
                    ?? throw new UserException("Say what to explain: --classic, a model file and its data (explain model.json data.csv --row 7), or a data set (explain iris --row 0).", CliApp.Usage);
                var options = new TabularOptions
                {
                    Layers = parsed.GetValue(layers)!,
                    Activation = Activation.FromName(parsed.GetValue(activation)!),
                    Optimizer = OptimizerFactory.Parse(parsed.GetValue(optimizer)!),
                    LearningRate = parsed.GetValue(learningRate),
                    L2 = parsed.GetValue(l2),
                    Dropout = parsed.GetValue(dropout),
                    Seed = parsed.GetValue(seed),
                    Epochs = parsed.GetValue(epoch) - 1,
                };
                step = ExplainEngine(first, parsed.GetValue(data), parsed.GetValue(target), parsed.GetValue(row), parsed.GetValue(epoch), options);
            }

            if (parsed.GetValue(json))
            {
                console.Profile.Out.Writer.WriteLine(step.ToJson());
            }
            else if (parsed.GetValue(markdown))
            {
                console.Profile.Out.Writer.Write(ExplainRenderer.Markdown(step, parsed.GetValue(full)));
            }
            else
            {
                ExplainRenderer.WriteTerminal(console, step, parsed.GetValue(full));
            }

            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>The demo's network and data; trains the epochs and samples before the one explained.</summary>
    private static StepExplanation ExplainClassic(int[] hidden, int samples, int seed, bool useBiases, double learningRate, int sample, int epoch)
    {
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
        {
            throw new UserException("--learning-rate must be a finite number greater than 0.", CliApp.Usage);
        }

        if (sample >= samples)
        {
            throw new UserException($"--sample {sample} is past the last of the {samples} samples (0–{samples - 1}).", CliApp.Usage);
        }

        var (inputs, targets) = SumOfTwoNumbers.Generate(samples, seed);
        var mlp = new MultilayerPerceptron(2, hidden, 1, useBiases, SumOfTwoNumbers.WeightSeed(seed));

        // Bring the network to the point of the step: the earlier epochs in full, then this epoch's earlier samples.
        mlp.Train(inputs, targets, epoch - 1, learningRate);
        if (sample > 0)
        {
            mlp.Train(inputs[..sample], targets[..sample], 1, learningRate);
        }

        return ClassicExplainer.Explain(mlp, inputs[sample], targets[sample], learningRate, sample, epoch);
    }

    /// <summary>A saved model on a row of DATA, or a fresh model (trained for the earlier epochs) on a row of a data set.</summary>
    private static StepExplanation ExplainEngine(string first, string? second, string? target, int row, int epoch, TabularOptions options)
    {
        TabularModel model;
        TabularDataset data;
        if (second is not null)
        {
            if (epoch != 1)
            {
                throw new UserException("--epoch applies to --classic and to data sets; a saved model is explained as it is.", CliApp.Usage);
            }

            model = TabularModel.Load(first);
            var csv = target is null ? new CsvLoadOptions { TargetName = model.TargetName } : DataSource.CsvOptions(target, null, false);
            data = DataSource.Load(second, null, csv with { Task = model.Task }, options.Seed);
        }
        else
        {
            if (File.Exists(first) && first.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                throw new UserException($"'{first}' looks like a model file: give the data too (explain {first} data.csv --row {row}).", CliApp.Usage);
            }

            data = DataSource.Load(first, null, DataSource.CsvOptions(target, null, false), options.Seed);
            model = TabularTrainer.Train(data, options).Model;
        }

        if (row >= data.Rows)
        {
            throw new UserException($"--row {row} is past the last row of {data.Source} ({data.Rows} rows, 0–{data.Rows - 1}).", CliApp.Usage);
        }

        var (x, y) = NetworkRow(model, data, row);
        return EngineExplainer.Explain(Compiled(model), x, y, [row], epoch);
    }

    /// <summary>The model's network, compiled with its loss and a fresh optimizer from its settings when it was loaded from a file.</summary>
    internal static Training.Sequential<float> Compiled(TabularModel model)
    {
        if (model.Network.Optimizer is null || model.Network.Loss is null)
        {
            var optimizer = model.Optimizer?.Create() ?? throw new UserException("The model file records no optimizer, so its training step cannot be explained.");
            model.Network.Compile(optimizer, model.Loss ?? throw new UserException("The model file records no loss, so its training step cannot be explained."));
        }

        return model.Network;
    }

    /// <summary>One row as the network trains on it: features aligned and scaled; the target as a class index or a scaled value.</summary>
    private static (Matrix<float> X, Matrix<float> Y) NetworkRow(TabularModel model, TabularDataset data, int row)
    {
        Matrix<float> features = model.AlignFeatures(data.SelectRows([row]));
        Matrix<float> x = model.Scaler?.Transform(features) ?? features;
        float value;
        if (data.Task == TaskKind.Classification)
        {
            string name = data.ClassNames![data.Labels![row]];
            int index = model.ClassNames.Count == 0 ? data.Labels[row] : model.ClassNames.ToList().IndexOf(name);
            if (index < 0)
            {
                throw new UserException($"Row {row} of {data.Source} has class '{name}', which the model never saw; it knows {string.Join(", ", model.ClassNames)}.");
            }

            value = index;
        }
        else
        {
            var raw = new Matrix<float>(1, 1, [data.Targets![row]]);
            value = (model.TargetScaler?.Transform(raw) ?? raw)[0, 0];
        }

        if (model.Loss!.TargetColumns(model.Network.Outputs) != 1)
        {
            throw new UserException($"The model's loss ({model.Loss.Name}) takes {model.Network.Outputs} target columns per row; explain works with models trained by 'perceptron train' (one target column).");
        }

        return (x, new Matrix<float>(1, 1, [value]));
    }
}
