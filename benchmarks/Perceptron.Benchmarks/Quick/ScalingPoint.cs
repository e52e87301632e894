using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Benchmarks.Quick;

/// <summary>
/// <c>scaling-point --sweep NAME --rows R --width W --depth D --threads T [--epochs E] --out FILE</c>: trains one
/// network (32 inputs, D hidden ReLU layers of W units, 10 classes, softmax cross-entropy, Adam, batch 256) on R
/// random rows for E epochs in this process, and appends its seconds per epoch and the process's peak memory as
/// one JSON line. scaling.sh runs every point in its own process, so each peak belongs to one configuration.
/// </summary>
internal static class ScalingPoint
{
    public static int Run(string[] args)
    {
        string sweep = "rows", outFile = "";
        int rows = 16_384, width = 256, depth = 2, threads = Environment.ProcessorCount, epochs = 3;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            string value = args[i + 1];
            switch (args[i])
            {
                case "--sweep": sweep = value; break;
                case "--rows": rows = Parse(value); break;
                case "--width": width = Parse(value); break;
                case "--depth": depth = Parse(value); break;
                case "--threads": threads = Parse(value); break;
                case "--epochs": epochs = Parse(value); break;
                case "--out": outFile = value; break;
                default:
                    Console.Error.WriteLine($"unknown option '{args[i]}'; usage: scaling-point --sweep NAME --rows R --width W --depth D --threads T [--epochs E] --out FILE");
                    return 2;
            }
        }

        Engine.MaxThreads = threads;
        var random = new Random(rows ^ width ^ depth);
        var x = new Matrix<float>(rows, ScalingRecord.Inputs);
        var y = new Matrix<float>(rows, 1);
        for (int i = 0; i < x.Data.Length; i++)
        {
            x.Data[i] = (float)((random.NextDouble() * 2) - 1);
        }

        for (int i = 0; i < rows; i++)
        {
            y.Data[i] = random.Next(ScalingRecord.Classes);
        }

        var layers = new List<Layer<float>> { new Dense(width, Activation.Relu, inputs: ScalingRecord.Inputs) };
        for (int l = 1; l < depth; l++)
        {
            layers.Add(new Dense(width, Activation.Relu));
        }

        layers.Add(new Dense(ScalingRecord.Classes, Activation.Softmax));
        var model = new Sequential(layers) { Seed = 1 };
        model.Compile(new Adam(1e-3), new SparseCategoricalCrossEntropy());
        var timer = new EpochTimer();
        model.Fit(x, y, new TrainingOptions { Epochs = epochs, BatchSize = ScalingRecord.Batch, Shuffle = true, Callbacks = [timer] });

        double parameters = ScalingRecord.Parameters(width, depth);
        var record = new ScalingRecord(sweep, rows, width, depth, threads, timer.SteadyMedian,
            Process.GetCurrentProcess().PeakWorkingSet64 / 1e6, 6 * parameters * rows, 16 * parameters, 4.0 * rows * (ScalingRecord.Inputs + 1));
        string json = JsonSerializer.Serialize(record, ScalingRecord.Json);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{sweep,-8} rows {rows,8} width {width,5} depth {depth,2} threads {threads}: {record.SecondsPerEpoch,9:G4} s/epoch, {record.Flop / record.SecondsPerEpoch / 1e9,6:F1} GFLOP/s, peak {record.PeakMemoryMb,7:F0} MB"));
        if (outFile.Length > 0)
        {
            File.AppendAllText(outFile, json + "\n");
        }

        return 0;
    }

    private static int Parse(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
