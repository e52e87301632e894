using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Benchmarks.Quick;

/// <summary>
/// <c>w5</c>: inference. Single-sample latency (the allocation-free <c>Predict(span, span)</c>, median seconds per call
/// over the rows in turn) for three sizes: 4-16-3 (W5-latency-small), 784-256-128-10 on MNIST-10k rows (W5-latency)
/// and 1024-4096-4096-1024 (W5-latency-large, 100 MB of weights streamed per sample); and <c>Predict(Matrix)</c> on
/// all 10,000 MNIST rows at once (W5-batch). ONNX Runtime runs the same exported models in this process (engine
/// "onnxruntime", see <see cref="OnnxRuntimePeer"/>); the weights and inputs are exported for the PyTorch peer.
/// </summary>
internal static class W5Inference
{
    private static readonly (string Name, string Prefix, int[] Widths)[] Sizes =
    [
        ("W5-latency-small", "w5s", [4, 16, 3]),
        ("W5-latency", "w5", [784, 256, 128, 10]),
        ("W5-latency-large", "w5l", [1024, 4096, 4096, 1024]),
    ];

    public static int Run(string[] args)
    {
        if (Comparison.Parse(args, "w5") is not { } options)
        {
            return 2;
        }

        var images = Perceptron.Data.IdxReader.ReadImages(Path.Combine(options.DataDirectory, "images-idx3-ubyte.gz"), new Perceptron.Data.IdxReadOptions { ScaleToUnitRange = true });
        foreach (var (name, prefix, widths) in Sizes)
        {
            var model = NewModel(widths);
            Matrix<float> rows = widths[0] == 784 ? images : RandomRows(1000, widths[0], seed: widths[1]);
            Export(options, model, prefix, widths[0] == 784 ? null : rows);
            int outputs = widths[^1];
            long parameters = model.Layers.Sum(l => (long)l.ParameterCount);
            double flop = 2.0 * parameters, bytes = 4.0 * parameters;
            bool large = parameters > 1e7;
            int samples = options.Quick ? 5 : large ? 9 : 15;

            float[] output = new float[outputs];
            int row = 0;
            double latency = QuickTimer.MedianSeconds(() =>
            {
                model.Predict(rows.Row(row), output);
                row = row + 1 == rows.Rows ? 0 : row + 1;
            }, samples, minBatchSeconds: 0.05);
            string shape = string.Join('-', widths);
            options.Record(name, "perceptron", options.Threads, latency, "per-sample", 1 / latency, "samples_per_s",
                $"{shape}: Predict(ReadOnlySpan<float>, Span<float>); weights streamed {bytes / latency / 1e9:F1} GB/s", flop, bytes);

            double difference = OnnxRuntimePeer.MaxDifference(model, rows, outputs);
            var (ortLatency, ortThreads) = OnnxRuntimePeer.Latency(model, rows, outputs, options.Threads, samples);
            options.Record(name, "onnxruntime", ortThreads, ortLatency, "per-sample", 1 / ortLatency, "samples_per_s",
                $"{shape}: exported model, ORT_ENABLE_ALL, intra-op threads {ortThreads} (best of 1 and {options.Threads}); max |ORT - ours| {difference:G2}", flop, bytes);

            if (widths[0] == 784)
            {
                Batch(options, model, images, outputs, flop);
            }
        }

        return 0;
    }

    private static void Batch(Comparison options, Sequential<float> model, Matrix<float> images, int outputs, double flopPerRow)
    {
        Matrix<float>? last = null;
        int samples = options.Quick ? 3 : 7;
        double batch = QuickTimer.MedianSeconds(() => last = model.Predict(images, batchSize: images.Rows), samples, minBatchSeconds: 0);
        options.Record("W5-batch", "perceptron", options.Threads, batch, "total", images.Rows / batch, "samples_per_s",
            $"Predict(Matrix) on {images.Rows} rows, one chunk", flopPerRow * images.Rows);
        GC.KeepAlive(last);

        var (ortBatch, ortThreads) = OnnxRuntimePeer.Batch(model, images, outputs, options.Threads, samples);
        options.Record("W5-batch", "onnxruntime", ortThreads, ortBatch, "total", images.Rows / ortBatch, "samples_per_s",
            $"one Run on {images.Rows} rows, ORT_ENABLE_ALL, intra-op threads {ortThreads} (best of 1 and {options.Threads})", flopPerRow * images.Rows);
    }

    // ReLU between layers; softmax out for the classifiers (3 and 10 outputs), linear out for the large regressor.
    private static Sequential<float> NewModel(int[] widths)
    {
        var layers = new List<Layer<float>> { new Dense(widths[1], Activation.Relu, inputs: widths[0]) };
        for (int i = 2; i < widths.Length; i++)
        {
            bool last = i == widths.Length - 1;
            layers.Add(new Dense(widths[i], last ? (widths[i] <= 10 ? Activation.Softmax : Activation.Linear) : Activation.Relu));
        }

        var model = new Sequential(layers) { Seed = 5 };
        model.Compile(new Sgd(0.1), widths[^1] <= 10 ? new SparseCategoricalCrossEntropy() : new MeanSquaredError());
        model.Build(widths[0]);
        return model;
    }

    private static Matrix<float> RandomRows(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        return new Matrix<float>(rows, columns, [.. Enumerable.Range(0, rows * columns).Select(_ => (float)((random.NextDouble() * 2) - 1))]);
    }

    private static void Export(Comparison options, Sequential<float> model, string prefix, Matrix<float>? rows)
    {
        for (int i = 0; i < model.Layers.Count; i++)
        {
            var dense = (Dense<float>)model.Layers[i];
            options.Export<float>($"{prefix}-w{i}.f32", dense.Weights);
            options.Export<float>($"{prefix}-b{i}.f32", dense.Bias);
        }

        if (rows is not null)
        {
            options.Export<float>($"{prefix}-x.f32", rows.Data);
        }
    }
}
