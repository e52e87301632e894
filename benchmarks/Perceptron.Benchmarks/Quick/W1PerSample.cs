using System.Diagnostics;
using Perceptron.Activations;
using Perceptron.Classic;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Benchmarks.Quick;

/// <summary>
/// <c>w1</c>: the original's per-sample task. 2-5-1 sigmoid, no biases, float64, 5000 pairs in [0, 0.5) and their
/// sums, 100 epochs (10 with --quick), one sample at a time: our classic class, and our engine at batch 1.
/// Exports the data and the initial weights (w1-x.f64, w1-y.f64, w1-w0.f64 2×5, w1-w1.f64 5×1) for the peers.
/// </summary>
/// <remarks>
/// The original's update is W += lr·(y − p)·σ′ (no factor 2); our MSE's gradient is 2(p − y)/K, so the engine
/// (and the PyTorch peer, whose MSELoss has the same factor) uses lr 0.05 for the original's lr 0.1.
/// </remarks>
internal static class W1PerSample
{
    private const int Samples = 5000;
    private const int Seed = 7;

    public static int Run(string[] args)
    {
        if (Comparison.Parse(args, "w1") is not { } options)
        {
            return 2;
        }

        int epochs = options.Quick ? 10 : 100;
        var random = new Random(Seed);
        var x = new double[Samples][];
        var y = new double[Samples][];
        for (int i = 0; i < Samples; i++)
        {
            x[i] = [random.NextDouble() / 2, random.NextDouble() / 2];
            y[i] = [x[i][0] + x[i][1]];
        }

        options.Export<double>("w1-x.f64", x.SelectMany(r => r).ToArray());
        options.Export<double>("w1-y.f64", y.SelectMany(r => r).ToArray());

        // Classic: warm the JIT up on a throw-away network, then time every epoch of the real one.
        Comparison.WarmUp(() => new MultilayerPerceptron(2, [5], 1, useBiases: false, seed: Seed).Train(x, y, 3, 0.1));
        var classic = new MultilayerPerceptron(2, [5], 1, useBiases: false, seed: Seed);
        double[] w0 = [.. classic.Weights[0].Cast<double>()], w1 = [.. classic.Weights[1].Cast<double>()];
        options.Export<double>("w1-w0.f64", w0);
        options.Export<double>("w1-w1.f64", w1);
        var epochClock = new ClassicEpochClock();
        double[] errors = classic.Train(x, y, epochs, 0.1, epochClock);
        options.Record("W1-per-sample", "classic", 1, epochClock.SteadyMedian / Samples, "per-sample", errors[^1], "train_mse",
            "float64; median epoch / 5000");

        // Engine at batch 1, same initial weights; lr 0.05 for the original's 0.1 (see remarks).
        var xm = Matrix<double>.FromRows(x);
        var ym = Matrix<double>.FromRows(y);
        Comparison.WarmUp(() => TrainEngine(xm, ym, w0, w1, 3, new EpochTimer()));
        var timer = new EpochTimer();
        double loss = TrainEngine(xm, ym, w0, w1, epochs, timer);
        options.Record("W1-per-sample", "perceptron", options.Threads, timer.SteadyMedian / Samples, "per-sample", loss, "train_mse",
            "Sequential<double>, batch 1, SGD lr 0.05 (= original 0.1), no shuffle");
        return 0;
    }

    private static double TrainEngine(Matrix<double> x, Matrix<double> y, double[] w0, double[] w1, int epochs, EpochTimer timer)
    {
        var model = new Sequential<double>(
            new Dense<double>(5, Activation.Sigmoid, useBias: false, inputs: 2),
            new Dense<double>(1, Activation.Sigmoid, useBias: false))
        { Seed = Seed };
        model.Compile(new Sgd(0.05), new MeanSquaredError());
        w0.CopyTo(((Dense<double>)model.Layers[0]).Weights);
        w1.CopyTo(((Dense<double>)model.Layers[1]).Weights);
        History history = model.Fit(x, y, new TrainingOptions { Epochs = epochs, BatchSize = 1, Shuffle = false, Callbacks = [timer] });
        return history["loss"][^1];
    }

    /// <summary>Times the classic class's epochs from its synchronous progress reports.</summary>
    private sealed class ClassicEpochClock : IProgress<ClassicEpoch>
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private readonly List<double> _seconds = [];

        public double SteadyMedian => Comparison.Median(_seconds.Skip(1));

        public void Report(ClassicEpoch value)
        {
            _seconds.Add(_watch.Elapsed.TotalSeconds);
            _watch.Restart();
        }
    }
}
