using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Perceptron.Classic;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>
/// <c>perceptron demo</c>: the original's example. A network learns to add two numbers in [0, 0.5)
/// one sample at a time, then predicts a few sums.
/// </summary>
internal static class DemoCommand
{
    private static readonly (double A, double B)[] ExamplePairs = [(0.1, 0.3), (0.2, 0.2), (0.05, 0.4), (0.3, 0.15), (0.45, 0.45)];

    public static Command Create(IAnsiConsole console)
    {
        var epochs = Options.Int("--epochs", "Passes over the training data.", 100, minimum: 0);
        var learningRate = Options.PositiveDouble("--learning-rate", "Gradient-descent step size η.", 0.1);
        var hidden = Options.LayerSizes("--hidden", "Hidden layer sizes, comma-separated (e.g. 5,3).", [5]);
        var samples = Options.Int("--samples", "Number of random training pairs.", 5000, minimum: 1);
        var seed = Options.Int("--seed", "Seed for the data and the initial weights.", 42, minimum: int.MinValue);
        var noBiases = new Option<bool>("--no-biases") { Description = "Leave out biases, exactly as the original does." };
        var verbose = new Option<bool>("--verbose") { Description = "Trace the forward and backward pass of the first sample (activations, δ, derivatives); with --engine, print the model summary." };
        var engine = new Option<bool>("--engine") { Description = "Run the framework replica instead: the fast engine, ReLU hidden layer, linear output, SGD, batches of 32, a 70/30 split." };

        var command = new Command("demo",
            "Watch a 2-5-1 sigmoid network learn to add two numbers: the classic per-sample MLP, as in the original.")
        {
            epochs, learningRate, hidden, samples, seed, noBiases, verbose, engine,
        };
        command.SetAction(parsed => (parsed.GetValue(engine) ? (Func<IAnsiConsole, DemoSettings, int>)EngineDemo.Run : Run)(
            console,
            new DemoSettings(
                parsed.GetValue(epochs),
                parsed.GetValue(learningRate),
                parsed.GetValue(hidden)!,
                parsed.GetValue(samples),
                parsed.GetValue(seed),
                !parsed.GetValue(noBiases),
                parsed.GetValue(verbose))));
        return command;
    }

    private static int Run(IAnsiConsole console, DemoSettings settings)
    {
        // Data: pairs in [0, 0.5), so every sum lies in [0, 1), the range of the sigmoid output.
        var random = new Random(settings.Seed);
        var inputs = new double[settings.Samples][];
        var targets = new double[settings.Samples][];
        for (int i = 0; i < settings.Samples; i++)
        {
            inputs[i] = [random.NextDouble() / 2, random.NextDouble() / 2];
            targets[i] = [inputs[i][0] + inputs[i][1]];
        }

        var mlp = new MultilayerPerceptron(2, settings.Hidden, 1, settings.UseBiases, settings.Seed);
        console.MarkupLineInterpolated($"[bold]{mlp}[/]: {settings.Samples} samples, {settings.Epochs} epochs, learning rate {settings.LearningRate}");

        if (settings.Verbose)
        {
            ClassicTrace.WriteFirstSample(console, mlp, inputs[0], targets[0]);
        }

        var stopwatch = Stopwatch.StartNew();
        double[] errors = [];
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: Math.Max(settings.Epochs, 1));
                var progress = new SyncProgress<ClassicEpoch>(epoch =>
                {
                    task.Value = epoch.Epoch;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch.Epoch}/{epoch.Epochs}  error {epoch.MeanError:0.000000}");
                });
                errors = mlp.Train(inputs, targets, settings.Epochs, settings.LearningRate, progress);
                task.Value = task.MaxValue;
            });
        stopwatch.Stop();

        var table = new Table().AddColumns("sum", "network", "error");
        foreach (var (a, b) in ExamplePairs)
        {
            double predicted = mlp.ForwardPropagate([a, b])[0];
            table.AddRow(
                Invariant($"{a} + {b} = {a + b:0.####}"),
                Invariant($"{predicted:0.0000}"),
                Invariant($"{predicted - (a + b):+0.0000;-0.0000}"));
        }

        console.Write(table);
        string finalError = errors.Length > 0 ? Invariant($"{errors[^1]:0.000000}") : "n/a (0 epochs)";
        console.MarkupLineInterpolated($"Final mean error: [bold]{finalError}[/]   Training time: {stopwatch.Elapsed.TotalSeconds:0.000} s");
        return CliApp.Ok;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    internal sealed record DemoSettings(int Epochs, double LearningRate, int[] Hidden, int Samples, int Seed, bool UseBiases, bool Verbose);
}
