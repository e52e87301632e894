using System.Diagnostics;
using System.Globalization;
using Perceptron.Activations;
using Perceptron.Classic;
using Perceptron.Data;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;
using Perceptron.Training.Callbacks;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary><c>perceptron demo --engine</c>: the original's framework script (samples/SumOfTwoNumbers) on the fast engine.</summary>
internal static class EngineDemo
{
    public static int Run(IAnsiConsole console, DemoCommand.DemoSettings settings)
    {
        // generate_dataset: pairs in [0, 0.5) and their sums (the data stream of the seed; the weights use another); 70% to train, 30% to test
        TrainingPlot.CheckPath("--plot", settings.PlotPath);
        var (pairs, _) = SumOfTwoNumbers.Generate(settings.Samples, settings.Seed);
        var x = new Matrix<float>(settings.Samples, 2);
        var y = new Matrix<float>(settings.Samples, 1);
        for (int i = 0; i < x.Rows; i++)
        {
            x[i, 0] = (float)pairs[i][0];
            x[i, 1] = (float)pairs[i][1];
            y[i, 0] = x[i, 0] + x[i, 1];
        }

        if (x.Rows < 2)
        {
            throw new UserException("--samples must be at least 2 with --engine (the data is split 70/30).", CliApp.Usage);
        }

        var split = DataSplit.TrainTestIndices(x.Rows, testFraction: 0.3, seed: settings.Seed);
        Matrix<float> xTrain = x.SelectRows(split.Train), yTrain = y.SelectRows(split.Train);
        Matrix<float> xTest = x.SelectRows(split.Test), yTest = y.SelectRows(split.Test);

        // Sequential([Dense(5, relu), Dense(1)]), compiled with SGD(0.1) and MSE
        var model = new Sequential { Seed = SumOfTwoNumbers.WeightSeed(settings.Seed) };
        foreach (int units in settings.Hidden)
        {
            model.Add(new Dense(units, Activation.Relu, useBias: settings.UseBiases));
        }

        model.Add(new Dense(1, useBias: settings.UseBiases));
        model.Compile(new Sgd(settings.LearningRate), new MeanSquaredError());
        model.Build(2);
        console.Profile.Out.Writer.WriteLine(Invariant($"{model}, ReLU hidden, linear output: {xTrain.Rows} training and {xTest.Rows} test samples, {settings.Epochs} epochs, SGD {settings.LearningRate}, batches of 32"));
        if (settings.Verbose)
        {
            console.Profile.Out.Writer.WriteLine(model.Summary());
        }

        var clock = Stopwatch.StartNew();
        History history = null!;
        var training = new TrainingOptions { Epochs = settings.Epochs, BatchSize = 32 };
        if (settings.Lines)
        {
            history = model.Fit(xTrain, yTrain, training with { Callbacks = [new EpochLines(console, settings)] });
        }
        else
        {
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("training", maxValue: Math.Max(settings.Epochs, 1));
                    history = model.Fit(xTrain, yTrain, training with { Callbacks = [new EpochBar(task, settings)] });
                    task.Value = task.MaxValue;
                });
        }

        clock.Stop();
        double testMse = model.Evaluate(xTest, yTest)["loss"];
        string trainLoss = history.Epochs > 0 ? settings.Format(history["loss"][^1]) : "n/a";
        console.Profile.Out.Writer.WriteLine(Invariant($"Final training loss: {trainLoss}   Test MSE: {settings.Format(testMse)}   Training time: {clock.Elapsed.TotalSeconds:0.000} s"));
        if (settings.PlotPath is not null)
        {
            TrainingPlot.SaveErrorCurve(settings.PlotPath, history.Epochs > 0 ? history["loss"] : [],
                $"Engine demo: {string.Join('-', [2, .. settings.Hidden, 1])} network (ReLU, linear output) learning a + b, SGD {settings.LearningRate.ToString(CultureInfo.InvariantCulture)}, batches of 32, seed {settings.Seed}",
                "training loss (MSE, epoch mean)");
            console.Profile.Out.Writer.WriteLine(Invariant($"Loss curve saved to {settings.PlotPath}"));
        }

        console.Profile.Out.Writer.WriteLine("Training complete!");
        console.Profile.Out.Writer.WriteLine("=====");
        Matrix<float> predictions = model.Predict(new Matrix<float>(new float[,] { { 0.1f, 0.2f }, { 0.2f, 0.2f } }));
        console.Profile.Out.Writer.WriteLine($"0.1 + 0.2 = {settings.Format(predictions[0, 0])}");
        console.Profile.Out.Writer.WriteLine($"0.2 + 0.2 = {settings.Format(predictions[1, 0])}");
        return CliApp.Ok;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Prints each epoch's training loss as a line, as the original prints its error.</summary>
    private sealed class EpochLines(IAnsiConsole console, DemoCommand.DemoSettings settings) : Callback
    {
        public override void OnEpochEnd(ITrainingModel model, EpochResult epoch) =>
            console.Profile.Out.Writer.WriteLine($"Error: {settings.Format(epoch.Logs["loss"])} at epoch {epoch.Epoch}");
    }

    /// <summary>Moves the bar once per epoch and shows the epoch's loss.</summary>
    private sealed class EpochBar(ProgressTask task, DemoCommand.DemoSettings settings) : Callback
    {
        public override void OnEpochEnd(ITrainingModel model, EpochResult epoch)
        {
            task.Value = epoch.Epoch;
            task.Description = $"epoch {epoch.Epoch}/{epoch.Epochs}  loss {settings.Format(epoch.Logs["loss"])}";
        }
    }
}
