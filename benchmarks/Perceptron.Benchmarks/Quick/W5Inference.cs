using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Benchmarks.Quick;

/// <summary>
/// <c>w5</c>: inference with 784-256-128-10 (ReLU, softmax out) on MNIST-10k rows: the allocation-free single-sample
/// Predict (W5-latency, median seconds per call over the 10,000 rows in turn) and Predict on all 10,000 rows at
/// once (W5-batch). The metric is samples per second.
/// </summary>
internal static class W5Inference
{
    public static int Run(string[] args)
    {
        if (Comparison.Parse(args, "w5") is not { } options)
        {
            return 2;
        }

        var images = Perceptron.Data.IdxReader.ReadImages(Path.Combine(options.DataDirectory, "images-idx3-ubyte.gz"), new Perceptron.Data.IdxReadOptions { ScaleToUnitRange = true });
        var model = new Sequential(new Dense(256, Activation.Relu, inputs: 784), new Dense(128, Activation.Relu), new Dense(10, Activation.Softmax)) { Seed = 5 };
        model.Compile(new Sgd(0.1), new SparseCategoricalCrossEntropy());
        for (int i = 0; i < model.Layers.Count; i++)
        {
            var dense = (Dense<float>)model.Layers[i];
            options.Export<float>($"w5-w{i}.f32", dense.Weights);
            options.Export<float>($"w5-b{i}.f32", dense.Bias);
        }

        float[] output = new float[10];
        int row = 0;
        double latency = QuickTimer.MedianSeconds(() =>
        {
            model.Predict(images.Row(row), output);
            row = row + 1 == images.Rows ? 0 : row + 1;
        }, samples: options.Quick ? 5 : 15, minBatchSeconds: 0.05);
        options.Record("W5-latency", "perceptron", options.Threads, latency, "per-sample", 1 / latency, "samples_per_s",
            "Predict(ReadOnlySpan<float>, Span<float>)");

        Matrix<float>? last = null;
        double batch = QuickTimer.MedianSeconds(() => last = model.Predict(images, batchSize: images.Rows), samples: options.Quick ? 3 : 7, minBatchSeconds: 0);
        options.Record("W5-batch", "perceptron", options.Threads, batch, "total", images.Rows / batch, "samples_per_s",
            $"Predict(Matrix) on {images.Rows} rows, one chunk");
        GC.KeepAlive(last);
        return 0;
    }
}
