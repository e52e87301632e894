using Microsoft.ML.OnnxRuntime;
using Perceptron.Onnx;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Benchmarks.Quick;

/// <summary>
/// ONNX Runtime as a peer, in our process: the model is exported with Perceptron.Onnx and run by ONNX Runtime's CPU
/// provider with its best options (all graph optimizations, sequential execution, intra-op threads 1 and the
/// benchmark's thread count both tried, the faster kept), timed by the same <see cref="QuickTimer"/> as ours.
/// Inputs and outputs are bound once to pinned buffers (<see cref="OrtValue"/>), so a call allocates nothing on
/// either side; a single-sample call copies its row into the bound input, as our Predict reads its span.
/// </summary>
internal sealed class OnnxRuntimePeer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly string[] _inputNames, _outputNames;

    private OnnxRuntimePeer(byte[] model, int threads)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
        };
        _session = new InferenceSession(model, options);
        _inputNames = [.. _session.InputMetadata.Keys];
        _outputNames = [.. _session.OutputMetadata.Keys];
        Threads = threads;
    }

    /// <summary>The session's intra-op thread count.</summary>
    public int Threads { get; }

    /// <summary>Median seconds per single-sample call over <paramref name="rows"/> in turn, best of intra-op threads 1
    /// and <paramref name="threads"/>; returns the time and the thread count that gave it.</summary>
    public static (double Seconds, int Threads) Latency(Sequential<float> model, Matrix<float> rows, int outputs, int threads, int samples)
    {
        byte[] onnx = model.ToOnnxBytes();
        (double Seconds, int Threads) best = (double.MaxValue, 1);
        foreach (int t in threads > 1 ? new[] { 1, threads } : [1])
        {
            using var peer = new OnnxRuntimePeer(onnx, t);
            float[] input = new float[rows.Columns], output = new float[outputs];
            using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, rows.Columns]);
            using var outputValue = OrtValue.CreateTensorValueFromMemory(output, [1, outputs]);
            OrtValue[] inputs = [inputValue], results = [outputValue];
            int row = 0;
            double seconds = QuickTimer.MedianSeconds(() =>
            {
                rows.Row(row).CopyTo(input);
                peer.Run(inputs, results);
                row = row + 1 == rows.Rows ? 0 : row + 1;
            }, samples, minBatchSeconds: 0.05);
            if (seconds < best.Seconds)
            {
                best = (seconds, t);
            }
        }

        return best;
    }

    /// <summary>Median seconds for one call on all of <paramref name="x"/>, best of intra-op threads 1 and
    /// <paramref name="threads"/>.</summary>
    public static (double Seconds, int Threads) Batch(Sequential<float> model, Matrix<float> x, int outputs, int threads, int samples)
    {
        byte[] onnx = model.ToOnnxBytes();
        (double Seconds, int Threads) best = (double.MaxValue, 1);
        float[] input = x.Data, output = new float[x.Rows * outputs];
        foreach (int t in threads > 1 ? new[] { 1, threads } : [1])
        {
            using var peer = new OnnxRuntimePeer(onnx, t);
            using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [x.Rows, x.Columns]);
            using var outputValue = OrtValue.CreateTensorValueFromMemory(output, [x.Rows, outputs]);
            OrtValue[] inputs = [inputValue], results = [outputValue];
            double seconds = QuickTimer.MedianSeconds(() => peer.Run(inputs, results), samples, minBatchSeconds: 0);
            if (seconds < best.Seconds)
            {
                best = (seconds, t);
            }
        }

        return best;
    }

    /// <summary>The largest |ONNX Runtime − ours| on the first rows: the peer must compute what we compute.</summary>
    public static double MaxDifference(Sequential<float> model, Matrix<float> rows, int outputs)
    {
        int count = Math.Min(rows.Rows, 64);
        Matrix<float> x = rows.SelectRows([.. Enumerable.Range(0, count)]);
        Matrix<float> ours = model.Predict(x);
        using var peer = new OnnxRuntimePeer(model.ToOnnxBytes(), 1);
        float[] input = x.Data.ToArray(), output = new float[count * outputs];
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [count, x.Columns]);
        using var outputValue = OrtValue.CreateTensorValueFromMemory(output, [count, outputs]);
        peer.Run([inputValue], [outputValue]);
        double worst = 0;
        for (int i = 0; i < output.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(output[i] - ours.Data[i]));
        }

        return worst;
    }

    public void Dispose()
    {
        _run.Dispose();
        _session.Dispose();
    }

    // The arrays are the caller's, made once: a timed call allocates nothing.
    private void Run(OrtValue[] inputs, OrtValue[] outputs) => _session.Run(_run, _inputNames, inputs, _outputNames, outputs);
}
