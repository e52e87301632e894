using System.Diagnostics;
using System.Globalization;
using Perceptron.Activations;
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
        // generate_dataset: pairs in [0, 0.5) and their sums; 70% to train, 30% to test
        var random = new Random(settings.Seed);
        var x = new Matrix<float>(settings.Samples, 2);
        var y = new Matrix<float>(settings.Samples, 1);
        for (int i = 0; i < x.Rows; i++)
        {
            x[i, 0] = (float)(random.NextDouble() / 2);
            x[i, 1] = (float)(random.NextDouble() / 2);
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
        var model = new Sequential { Seed = settings.Seed };
        foreach (int units in settings.Hidden)
        {
            model.Add(new Dense(units, Activation.Relu, useBias: settings.UseBiases));
        }

        model.Add(new Dense(1, useBias: settings.UseBiases));
        model.Compile(new Sgd(settings.LearningRate), new MeanSquaredError());
        model.Build(2);
        console.MarkupLineInterpolated($"[bold]{model}[/], ReLU hidden, linear output: {xTrain.Rows} training and {xTest.Rows} test samples, {settings.Epochs} epochs, SGD {settings.LearningRate}, batches of 32");
        if (settings.Verbose)
        {
            console.WriteLine(model.Summary());
        }

        var clock = Stopwatch.StartNew();
        History history = null!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: Math.Max(settings.Epochs, 1));
                history = model.Fit(xTrain, yTrain, new TrainingOptions { Epochs = settings.Epochs, BatchSize = 32, Callbacks = [new EpochBar(task)] });
                task.Value = task.MaxValue;
            });
        clock.Stop();

        double testMse = model.Evaluate(xTest, yTest)["loss"];
        Matrix<float> predictions = model.Predict(new Matrix<float>(new float[,] { { 0.1f, 0.2f }, { 0.2f, 0.2f } }));
        console.WriteLine(Invariant($"0.1 + 0.2 = {predictions[0, 0]:0.0000}"));
        console.WriteLine(Invariant($"0.2 + 0.2 = {predictions[1, 0]:0.0000}"));
        string trainLoss = history.Epochs > 0 ? Invariant($"{history["loss"][^1]:E3}") : "n/a";
        console.MarkupLineInterpolated($"Final training loss: {trainLoss}   Test MSE: [bold]{Invariant($"{testMse:E3}")}[/]   Training time: {clock.Elapsed.TotalSeconds:0.000} s");
        return CliApp.Ok;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Moves the bar once per epoch and shows the epoch's loss.</summary>
    private sealed class EpochBar(ProgressTask task) : Callback
    {
        public override void OnEpochEnd(ITrainingModel model, EpochResult epoch)
        {
            task.Value = epoch.Epoch;
            task.Description = Invariant($"epoch {epoch.Epoch}/{epoch.Epochs}  loss {epoch.Logs["loss"]:0.000000}");
        }
    }
}
