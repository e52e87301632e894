using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Perceptron.Classic;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary>
/// <c>perceptron demo</c>: the original's example. A network learns to add two numbers in [0, 0.5)
/// one sample at a time, printing its error every epoch, then predicts a few sums.
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
        var seed = Options.Int("--seed", "Seed of the run; the data and the initial weights use two separate streams derived from it.", 42, minimum: int.MinValue);
        var noBiases = new Option<bool>("--no-biases") { Description = "Leave out biases, exactly as the original does." };
        var verbose = new Option<bool>("--verbose") { Description = "Trace the first sample's training step (every W, b, h, a, e, δ, gradient and update; see 'perceptron explain'); with --engine, print the model summary." };
        var engine = new Option<bool>("--engine") { Description = "Run the framework replica instead: the fast engine, ReLU hidden layer, linear output, SGD, batches of 32, a 70/30 split." };
        var log = new Option<bool>("--log") { Description = "Print each epoch's error as a line, as the original does (the default when the output is not a terminal; a terminal otherwise shows a live bar)." };
        var precision = Options.Int("--precision", "Significant digits of the printed errors and predictions (17 shows every digit of a double).", 4, minimum: 1);
        var plot = new Option<string?>("--plot") { Description = "Save the curve of each epoch's error here as a PNG." };

        var command = new Command("demo",
            "Watch a 2-5-1 sigmoid network learn to add two numbers: the classic per-sample MLP, as in the original.")
        {
            epochs, learningRate, hidden, samples, seed, noBiases, verbose, engine, log, precision, plot,
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
                parsed.GetValue(verbose),
                parsed.GetValue(log) || !console.Profile.Capabilities.Interactive,
                Math.Min(parsed.GetValue(precision), 17),
                parsed.GetValue(plot))));
        return command;
    }

    private static int Run(IAnsiConsole console, DemoSettings settings)
    {
        TrainingPlot.CheckPath("--plot", settings.PlotPath);
        var (inputs, targets) = SumOfTwoNumbers.Generate(settings.Samples, settings.Seed);
        var mlp = new MultilayerPerceptron(2, settings.Hidden, 1, settings.UseBiases, SumOfTwoNumbers.WeightSeed(settings.Seed));
        console.Profile.Out.Writer.WriteLine(Invariant($"{mlp}: {settings.Samples} samples, {settings.Epochs} epochs, learning rate {settings.LearningRate}"));

        if (settings.Verbose)
        {
            ClassicTrace.WriteFirstSample(console, mlp, inputs[0], targets[0], settings.LearningRate);
        }

        var stopwatch = Stopwatch.StartNew();
        double[] errors = settings.Lines
            ? mlp.Train(inputs, targets, settings.Epochs, settings.LearningRate, new SyncProgress<ClassicEpoch>(epoch =>
                console.Profile.Out.Writer.WriteLine($"Error: {settings.Format(epoch.MeanError)} at epoch {epoch.Epoch}")))
            : TrainWithBar(console, mlp, inputs, targets, settings);
        stopwatch.Stop();

        string finalError = errors.Length > 0 ? settings.Format(errors[^1]) : "n/a (0 epochs)";
        console.Profile.Out.Writer.WriteLine(Invariant($"Final mean error: {finalError}   Training time: {stopwatch.Elapsed.TotalSeconds:0.000} s"));
        if (settings.PlotPath is not null)
        {
            TrainingPlot.SaveErrorCurve(settings.PlotPath, errors,
                $"Classic demo: {string.Join('-', mlp.Layers)} sigmoid network learning a + b, {settings.Samples} samples, η = {settings.LearningRate.ToString(CultureInfo.InvariantCulture)}, seed {settings.Seed}",
                "mean error of the epoch (MSE per sample)");
            console.Profile.Out.Writer.WriteLine(Invariant($"Error curve saved to {settings.PlotPath}"));
        }

        // The original ends with these two lines, then its prediction.
        console.Profile.Out.Writer.WriteLine("Training complete!");
        console.Profile.Out.Writer.WriteLine("=====");
        foreach (var (a, b) in ExamplePairs)
        {
            double predicted = mlp.ForwardPropagate([a, b])[0];
            string sum = (a + b).ToString("0.####", CultureInfo.InvariantCulture);
            console.Profile.Out.Writer.WriteLine(Invariant($"Trained Neural Network Calculation Test: {a} + {b} is equal to {settings.Format(predicted)} (true sum {sum}, error {settings.Format(predicted - (a + b), signed: true)})"));
        }

        return CliApp.Ok;
    }

    private static double[] TrainWithBar(IAnsiConsole console, MultilayerPerceptron mlp, double[][] inputs, double[][] targets, DemoSettings settings)
    {
        double[] errors = [];
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: Math.Max(settings.Epochs, 1));
                var progress = new SyncProgress<ClassicEpoch>(epoch =>
                {
                    task.Value = epoch.Epoch;
                    task.Description = $"epoch {epoch.Epoch}/{epoch.Epochs}  error {settings.Format(epoch.MeanError)}";
                });
                errors = mlp.Train(inputs, targets, settings.Epochs, settings.LearningRate, progress);
                task.Value = task.MaxValue;
            });
        return errors;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The demo's options.</summary>
    /// <param name="Lines">Print one line per epoch instead of a live bar.</param>
    /// <param name="Precision">Significant digits shown, 1–17.</param>
    internal sealed record DemoSettings(
        int Epochs, double LearningRate, int[] Hidden, int Samples, int Seed, bool UseBiases, bool Verbose,
        bool Lines = true, int Precision = 4, string? PlotPath = null)
    {
        /// <summary>A number to <see cref="Precision"/> significant digits (17: every digit, round-trippable).</summary>
        public string Format(double value, bool signed = false)
        {
            string text = Precision >= 17 ? value.ToString("R", CultureInfo.InvariantCulture) : value.ToString("G" + Precision, CultureInfo.InvariantCulture);
            return signed && value >= 0 ? "+" + text : text;
        }
    }
}
