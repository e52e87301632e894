using Perceptron.Activations;
using Perceptron.Kernels;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Benchmarks.Quick;

/// <summary>
/// <c>w4</c>: GEMM-bound training. 1024-4096-4096-1024 (ReLU hidden, linear out), MSE, SGD, random data, one batch
/// of 512 per step: median seconds per step and GFLOP/s (6·batch·Σ in·out per step), at --threads N and at 1
/// thread (the speed-up). Then our GEMM alone at 4096³ (W4-gemm-4096), for comparison with numpy's OpenBLAS.
/// </summary>
internal static class W4GemmBound
{
    private const int Batch = 512;
    private static readonly int[] Widths = [1024, 4096, 4096, 1024];

    public static int Run(string[] args)
    {
        if (Comparison.Parse(args, "w4") is not { } options)
        {
            return 2;
        }

        int steps = options.Quick ? 3 : 6; // the first is the warm-up
        double flopPerStep = 0;
        for (int i = 0; i + 1 < Widths.Length; i++)
        {
            flopPerStep += 6.0 * Batch * Widths[i] * Widths[i + 1];
        }

        var random = new Random(4);
        var x = new Matrix<float>(Batch, Widths[0], [.. Enumerable.Range(0, Batch * Widths[0]).Select(_ => (float)((random.NextDouble() * 2) - 1))]);
        var y = new Matrix<float>(Batch, Widths[^1], [.. Enumerable.Range(0, Batch * Widths[^1]).Select(_ => (float)((random.NextDouble() * 2) - 1))]);
        foreach (int threads in options.Threads == 1 ? [1] : new[] { options.Threads, 1 })
        {
            Engine.MaxThreads = threads;
            var model = new Sequential(new Dense(Widths[1], Activation.Relu, inputs: Widths[0]), new Dense(Widths[2], Activation.Relu), new Dense(Widths[3])) { Seed = 4 };
            model.Compile(new Sgd(1e-3), new MeanSquaredError());
            var timer = new EpochTimer();
            model.Fit(x, y, new TrainingOptions { Epochs = steps, BatchSize = Batch, Shuffle = false, Callbacks = [timer] });
            double seconds = timer.SteadyMedian;
            options.Record("W4-gemm-bound", "perceptron", threads, seconds, "per-step", flopPerStep / seconds / 1e9, "gflops",
                $"batch 512, median of {steps - 1} steps after 1 warm-up", flopPerStep);
        }

        Engine.MaxThreads = options.Threads;
        const int Size = 4096;
        float[] a = new float[Size * Size], b = new float[Size * Size], c = new float[Size * Size];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (float)((random.NextDouble() * 2) - 1);
            b[i] = (float)((random.NextDouble() * 2) - 1);
        }

        double gemmSeconds = QuickTimer.MedianSeconds(() => Gemm.Multiply<float>(a, b, c, Size, Size, Size), samples: options.Quick ? 1 : 3, minBatchSeconds: 0);
        options.Record("W4-gemm-4096", "perceptron", options.Threads, gemmSeconds, "total", 2.0 * Size * Size * Size / gemmSeconds / 1e9, "gflops",
            $"C=A·B float32 4096³, variant {KernelRegistry.Best}", 2.0 * Size * Size * Size);
        return 0;
    }
}
