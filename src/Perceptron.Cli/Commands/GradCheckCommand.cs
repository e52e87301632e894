using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Perceptron.Activations;
using Perceptron.Diagnostics;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tabular;
using Perceptron.Tensors;
using Perceptron.Training;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>
/// <c>perceptron gradcheck [MODEL]</c>: compares a network's backward pass with float64 central differences of its
/// loss, parameter tensor by parameter tensor, on a random batch.
/// </summary>
internal static class GradCheckCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Argument<string?>("MODEL") { Description = "A model file (from 'perceptron train --out'); leave out to check the network described by --layers, --activation and --loss.", Arity = ArgumentArity.ZeroOrOne };
        var layers = Options.LayerSizes("--layers", "Hidden layer sizes, comma-separated (without MODEL).", [8]);
        var activation = new Option<string>("--activation") { Description = "Hidden activation (without MODEL): relu, tanh, sigmoid, leaky_relu, elu, gelu, linear.", DefaultValueFactory = _ => "relu" };
        var loss = new Option<string>("--loss") { Description = "Loss (without MODEL): mse, mae, huber, binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy.", DefaultValueFactory = _ => "mse" };
        var outputActivation = new Option<string?>("--output-activation") { Description = "Output activation (without MODEL); default: softmax for the categorical losses, sigmoid for binary cross-entropy, linear otherwise." };
        var inputs = Options.Int("--inputs", "Input width (without MODEL).", 4, minimum: 1);
        var outputs = Options.Int("--outputs", "Output width (without MODEL).", 3, minimum: 1);
        var l2 = new Option<double>("--l2") { Description = "L2 penalty λ on every layer's weights (without MODEL).", DefaultValueFactory = _ => 0 };
        var dropout = new Option<double>("--dropout") { Description = "Dropout rate after each hidden layer (without MODEL); the check uses one fixed mask.", DefaultValueFactory = _ => 0 };
        var rows = Options.Int("--rows", "Rows in the random batch the loss is measured on.", 8, minimum: 1);
        var elements = Options.Int("--elements", "Elements checked per tensor, spread evenly (each costs two forward passes).", 200, minimum: 1);
        var seed = Options.Int("--seed", "Seed for the initial weights (without MODEL) and the random batch.", 42, minimum: int.MinValue);
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var command = new Command("gradcheck", "Check a network's gradients against float64 central differences, tensor by tensor: max relative error, worst element, pass/fail.")
        {
            model, layers, activation, loss, outputActivation, inputs, outputs, l2, dropout, rows, elements, seed, json,
        };
        command.SetAction(parsed =>
        {
            string? path = parsed.GetValue(model);
            int seedValue = parsed.GetValue(seed);
            Sequential<float> network = path is not null
                ? Compiled(TabularModel.Load(path))
                : BuildFromSpec(parsed.GetValue(layers)!, parsed.GetValue(activation)!, parsed.GetValue(loss)!, parsed.GetValue(outputActivation),
                    parsed.GetValue(inputs), parsed.GetValue(outputs), parsed.GetValue(l2), parsed.GetValue(dropout), seedValue);
            return Run(console, network, path ?? "from --layers, --activation and --loss", parsed.GetValue(rows), parsed.GetValue(elements), seedValue, parsed.GetValue(json));
        });
        return command;
    }

    private static int Run(IAnsiConsole console, Sequential<float> network, string source, int rows, int elements, int seed, bool json)
    {
        var (x, y) = RandomBatch(network, rows, seed);
        GradientCheckResult result = GradientCheck.Run(network, x, y, new GradientCheckOptions { ElementsPerTensor = elements });
        if (json)
        {
            console.Profile.Out.Writer.WriteLine(ToJson(result).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            Write(console, result, network, source, rows);
        }

        if (!result.Passed)
        {
            TensorCheck worst = result.Worst!;
            var (row, column) = worst.WorstElement;
            throw new UserException(Invariant(
                $"gradient check failed: {worst.Tensor.Layer} {worst.Tensor.Name} element [{row}, {column}] has analytic gradient {worst.Analytic:G10} but the central difference gives {worst.Numeric:G10} (relative error {worst.MaxRelativeError:0.00e+00} > {result.Options.RelativeTolerance:0.##e+0})."));
        }

        return CliApp.Ok;
    }

    private static void Write(IAnsiConsole console, GradientCheckResult result, Sequential<float> network, string source, int rows)
    {
        TextWriter output = console.Profile.Out.Writer;
        output.WriteLine($"{network}, loss {network.Loss!.Name}: {source}");
        output.WriteLine(Invariant($"float64 central differences (step {result.Options.Step:0.##e+0}) of the loss on {rows} random rows: {result.Loss:G8}"));
        output.WriteLine(Invariant($"pass: |analytic − numeric| / (max(|analytic|, |numeric|) + {result.Options.Floor:G3}) ≤ {result.Options.RelativeTolerance:0.##e+0}"));
        var table = new Table().AddColumns("tensor", "shape", "checked", "max relative error", "at", "result");
        foreach (TensorCheck check in result.Tensors)
        {
            var (row, column) = check.WorstElement;
            table.AddRow(
                Markup.Escape($"{check.Tensor.Layer} {check.Tensor.Name}"),
                Invariant($"{check.Tensor.Rows}×{check.Tensor.Columns}"),
                Invariant($"{check.Checked}/{check.Tensor.Length}"),
                check.MaxRelativeError.ToString("0.00e+00", CultureInfo.InvariantCulture),
                Invariant($"[[{row}, {column}]]"),
                check.Passed ? "[green]ok[/]" : "[red]FAILED[/]");
        }

        console.Write(table);
        foreach (TensorCheck check in result.Tensors.Where(c => !c.Passed))
        {
            var (row, column) = check.WorstElement;
            output.WriteLine(Invariant($"{check.Tensor.Layer} {check.Tensor.Name} [{row}, {column}]: analytic {check.Analytic:G10}, numeric {check.Numeric:G10}"));
        }
    }

    private static JsonObject ToJson(GradientCheckResult result)
    {
        var tensors = new JsonArray();
        foreach (TensorCheck check in result.Tensors)
        {
            var (row, column) = check.WorstElement;
            tensors.Add(new JsonObject
            {
                ["layer"] = check.Tensor.Layer,
                ["tensor"] = check.Tensor.Name,
                ["shape"] = new JsonArray(check.Tensor.Rows, check.Tensor.Columns),
                ["checked"] = check.Checked,
                ["max_relative_error"] = Finite(check.MaxRelativeError),
                ["worst_element"] = new JsonArray(row, column),
                ["analytic"] = Finite(check.Analytic),
                ["numeric"] = Finite(check.Numeric),
                ["passed"] = check.Passed,
            });
        }

        return new JsonObject
        {
            ["passed"] = result.Passed,
            ["loss"] = Finite(result.Loss),
            ["step"] = result.Options.Step,
            ["relative_tolerance"] = result.Options.RelativeTolerance,
            ["floor"] = result.Options.Floor,
            ["tensors"] = tensors,
        };
    }

    /// <summary>A number for JSON, which cannot hold NaN or ∞ (they become null).</summary>
    private static JsonNode? Finite(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    /// <summary>A loaded model's network, compiled with its loss (the optimizer plays no part in a gradient check).</summary>
    private static Sequential<float> Compiled(TabularModel model)
    {
        if (model.Network.Loss is null)
        {
            model.Network.Compile(new Sgd(0.01), model.Loss ?? throw new UserException("The model file records no loss, so its gradients cannot be checked."));
        }

        return model.Network;
    }

    /// <summary>A network as 'train' would build it from the options, with the given hidden and output activations.</summary>
    private static Sequential<float> BuildFromSpec(int[] hidden, string activation, string lossName, string? outputActivation, int inputs, int outputs, double l2, double dropout, int seed)
    {
        if (!(l2 >= 0) || !double.IsFinite(l2))
        {
            throw new UserException($"--l2 must be a finite number ≥ 0; got {l2.ToString(CultureInfo.InvariantCulture)}.", CliApp.Usage);
        }

        if (dropout is < 0 or >= 1 || double.IsNaN(dropout))
        {
            throw new UserException($"--dropout must be in [0, 1); got {dropout.ToString(CultureInfo.InvariantCulture)}.", CliApp.Usage);
        }

        Loss loss = Lookup("--loss", lossName, Loss.FromName);
        Activation output = outputActivation is not null
            ? Lookup("--output-activation", outputActivation, Activation.FromName)
            : loss.FusedActivation ?? Activation.Linear;
        var model = new Sequential<float> { Seed = seed };
        foreach (int units in hidden)
        {
            model.Add(new Dense<float>(units, Lookup("--activation", activation, Activation.FromName), l2: l2));
            if (dropout > 0)
            {
                model.Add(new Dropout<float>(dropout));
            }
        }

        model.Add(new Dense<float>(outputs, output, l2: l2));
        try
        {
            model.Compile(new Sgd(0.01), loss);
        }
        catch (ArgumentException exception)
        {
            throw new UserException(exception.Message, CliApp.Usage);
        }

        model.Build(inputs);

        // Biases start at zero; random ones exercise their gradients away from the origin.
        var random = new Random(seed);
        foreach (var dense in model.Layers.OfType<Dense<float>>())
        {
            foreach (ref float b in dense.Bias)
            {
                b = (float)(random.NextDouble() - 0.5);
            }
        }

        return model;
    }

    private static T Lookup<T>(string option, string name, Func<string, T> find)
    {
        try
        {
            return find(name);
        }
        catch (ArgumentException exception)
        {
            throw new UserException($"{option}: {exception.Message.Split(" (Parameter", 2)[0]}", CliApp.Usage);
        }
    }

    /// <summary>Standard-normal inputs (the scale of standardised features) and targets the loss accepts.</summary>
    internal static (Matrix<float> X, Matrix<float> Y) RandomBatch(Sequential<float> network, int rows, int seed)
    {
        var random = new Random(seed + 1);
        var x = new Matrix<float>(rows, network.Inputs);
        foreach (ref float value in x.AsSpan())
        {
            value = (float)Normal(random);
        }

        Loss loss = network.Loss!;
        int outputs = network.Outputs;
        var y = new Matrix<float>(rows, loss.TargetColumns(outputs));
        for (int r = 0; r < rows; r++)
        {
            switch (loss)
            {
                case SparseCategoricalCrossEntropy:
                    y[r, 0] = random.Next(outputs);
                    break;
                case CategoricalCrossEntropy:
                    y[r, random.Next(outputs)] = 1;
                    break;
                case BinaryCrossEntropy:
                    for (int c = 0; c < outputs; c++)
                    {
                        y[r, c] = random.Next(2);
                    }

                    break;
                default:
                    for (int c = 0; c < outputs; c++)
                    {
                        y[r, c] = (float)Normal(random);
                    }

                    break;
            }
        }

        return (x, y);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
