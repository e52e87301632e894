using Perceptron.Activations;
using Perceptron.Data;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Benchmarks.Quick;

/// <summary>
/// <c>w3</c>: MNIST-10k, 784-256-128-10 ReLU, softmax + cross-entropy, batch 64, the first 8000 rows to train and
/// the last 2000 to test; SGD 0.1 (W3-mnist-sgd) and Adam 1e-3 (W3-mnist-adam). Seconds per epoch (median after
/// the warm-up epoch) and test accuracy after 10 epochs (3 with --quick). Both optimizers start from the same
/// Glorot weights, exported as w3-{w0,b0,w1,b1,w2,b2}.f32 (row-major inputs × units) for the PyTorch peer, and the
/// peer visits the rows in our shuffled order (w3-order.i32).
/// </summary>
internal static class W3Mnist
{
    private const int Seed = 42;
    private const int TrainRows = 8000;

    public static int Run(string[] args)
    {
        if (Comparison.Parse(args, "w3") is not { } options)
        {
            return 2;
        }

        int epochs = options.Quick ? 3 : 10;
        var (xTrain, yTrain, xTest, testLabels) = Load(options.DataDirectory);
        Export(options, NewModel(new Sgd(0.1)));
        options.ExportShuffleOrders("w3-order.i32", Seed, epochs, TrainRows);
        Matrix<float> xWarm = xTrain.SelectRows([.. Enumerable.Range(0, 1024)]), yWarm = yTrain.SelectRows([.. Enumerable.Range(0, 1024)]);
        Comparison.WarmUp(() =>
        {
            NewModel(new Sgd(0.1)).Fit(xWarm, yWarm, new TrainingOptions { Epochs = 1, BatchSize = 64 });
            NewModel(new Adam(1e-3)).Fit(xWarm, yWarm, new TrainingOptions { Epochs = 1, BatchSize = 64 });
        });
        // FLOPs per epoch: 6 per parameter and sample (2 forward, 4 backward), the convention the peak fraction uses.
        double flop = 6.0 * NewModel(new Sgd(0.1)).Layers.Sum(l => (long)l.ParameterCount) * TrainRows;
        var runs = new List<(string Name, Func<Optimizer> Optimizer, int Threads)>
        {
            ("W3-mnist-sgd", () => new Sgd(0.1), options.Threads),
            ("W3-mnist-adam", () => new Adam(1e-3), options.Threads),
        };
        if (options.Threads > 1)
        {
            runs.Add(("W3-mnist-sgd", () => new Sgd(0.1), 1)); // the batch-64 step's 1 → N thread speed-up
        }

        foreach (var (name, optimizer, threads) in runs)
        {
            Engine.MaxThreads = threads;
            var model = NewModel(optimizer());
            var timer = new EpochTimer();
            model.Fit(xTrain, yTrain, new TrainingOptions { Epochs = epochs, BatchSize = 64, Shuffle = true, Callbacks = [timer] });
            double accuracy = Accuracy(model.Predict(xTest), testLabels);
            options.Record(name, "perceptron", threads, timer.SteadyMedian, "per-epoch", accuracy, "test_accuracy",
                $"{epochs} epochs, median of epochs 2..{epochs}", flop);
        }

        Engine.MaxThreads = options.Threads;
        return 0;
    }

    /// <summary>MNIST-10k scaled to [0, 1]: the first 8000 rows train, the last 2000 test.</summary>
    internal static (Matrix<float> XTrain, Matrix<float> YTrain, Matrix<float> XTest, int[] TestLabels) Load(string directory)
    {
        var images = IdxReader.ReadImages(Path.Combine(directory, "images-idx3-ubyte.gz"), new IdxReadOptions { ScaleToUnitRange = true });
        int[] labels = IdxReader.ReadLabels(Path.Combine(directory, "labels-idx1-ubyte.gz"));
        int[] train = [.. Enumerable.Range(0, TrainRows)], test = [.. Enumerable.Range(TrainRows, images.Rows - TrainRows)];
        var y = new Matrix<float>(labels.Length, 1, [.. labels.Select(l => (float)l)]);
        return (images.SelectRows(train), y.SelectRows(train), images.SelectRows(test), labels[TrainRows..]);
    }

    internal static double Accuracy(Matrix<float> probabilities, int[] labels)
    {
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            Span<float> row = probabilities.Row(i);
            if (row.IndexOf(System.Numerics.Tensors.TensorPrimitives.Max(row)) == labels[i])
            {
                correct++;
            }
        }

        return 100.0 * correct / labels.Length;
    }

    private static Sequential<float> NewModel(Optimizer optimizer)
    {
        var model = new Sequential(new Dense(256, Activation.Relu, inputs: 784), new Dense(128, Activation.Relu), new Dense(10, Activation.Softmax)) { Seed = Seed };
        model.Compile(optimizer, new SparseCategoricalCrossEntropy());
        return model;
    }

    private static void Export(Comparison options, Sequential<float> model)
    {
        for (int i = 0; i < model.Layers.Count; i++)
        {
            var dense = (Dense<float>)model.Layers[i];
            options.Export<float>($"w3-w{i}.f32", dense.Weights);
            options.Export<float>($"w3-b{i}.f32", dense.Bias);
        }
    }
}
