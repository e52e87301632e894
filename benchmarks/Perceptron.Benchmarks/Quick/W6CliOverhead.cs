using System.Diagnostics;
using Perceptron.Data;
using Perceptron.Tabular;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Benchmarks.Quick;

/// <summary>
/// <c>w6</c>: the engine's own Fit time for what <c>perceptron train data/mnist-10k/… --layers 256,128
/// --epochs 10 --batch-size 64 --dropout 0 --l2 0 --scaling minmax --test-split 0.2</c> trains: the same 8000 rows
/// (stratified split, seed 42), min-max scaling, 784-256-128-10 with He init, Adam 1e-3 and the accuracy metric.
/// compare.sh runs the CLI in its own process next to this; both are cold (first Fit in a fresh process, JIT
/// included), so the ratio CLI / engine is the CLI's overhead. A second, warm Fit is printed as a detail.
/// </summary>
internal static class W6CliOverhead
{
    public static int Run(string[] args)
    {
        if (Comparison.Parse(args, "w6") is not { } options)
        {
            return 2;
        }

        int epochs = options.Quick ? 3 : 10;
        var data = IdxReader.LoadDataset(Path.Combine(options.DataDirectory, "images-idx3-ubyte.gz"), Path.Combine(options.DataDirectory, "labels-idx1-ubyte.gz"));
        var train = DataSplit.TrainTestSplit(data, 0.2, seed: 42, stratify: true).Train;
        var settings = new TabularOptions { Layers = [256, 128], Epochs = epochs, BatchSize = 64, Dropout = 0, L2 = 0, Scaling = FeatureScaling.MinMax, Seed = 42 };
        var scaler = new MinMaxScaler();
        scaler.Fit(train.Features);
        Matrix<float> x = scaler.Transform(train.Features);
        var y = new Matrix<float>(train.Rows, 1, [.. train.Labels!.Select(label => (float)label)]);

        double cold = TimeFit(train, settings, x, y), warm = TimeFit(train, settings, x, y);
        options.Record("W6-cli-overhead", "perceptron", options.Threads, cold, "total", warm, "warm_fit_seconds",
            $"Sequential.Fit, {train.Rows} rows, {epochs} epochs, first Fit in the process (metric: a second, warm Fit)");
        return 0;
    }

    private static double TimeFit(TabularDataset train, TabularOptions settings, Matrix<float> x, Matrix<float> y)
    {
        Sequential<float> model = TabularTrainer.BuildModel(train, settings);
        var clock = Stopwatch.StartNew();
        model.Fit(x, y, new TrainingOptions { Epochs = settings.Epochs, BatchSize = settings.BatchSize });
        return clock.Elapsed.TotalSeconds;
    }
}
