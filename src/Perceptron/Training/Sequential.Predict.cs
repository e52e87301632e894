using System.Buffers;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Metrics;
using Perceptron.Tensors;

namespace Perceptron.Training;

public partial class Sequential<T>
{
    [ThreadStatic]
    private static T[]? _threadSampleScratch;

    /// <summary>Runs the model on every row of <paramref name="x"/>: the outputs (probabilities for softmax or sigmoid layers).</summary>
    /// <param name="x">Inputs, rows × features, finite.</param>
    /// <param name="batchSize">Rows computed together; larger batches use the kernels better.</param>
    /// <returns>A new rows × outputs matrix.</returns>
    /// <remarks>Safe to call from many threads at once on a trained model: it reads the parameters and nothing else.</remarks>
    /// <exception cref="InvalidOperationException">The model has no layers.</exception>
    /// <exception cref="ArgumentException">The width does not match the first layer, or a value is NaN or ∞.</exception>
    public Matrix<T> Predict(Matrix<T> x, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Build(x.Columns);
        CheckFinite(x, "inputs");
        var result = new Matrix<T>(x.Rows, Outputs);
        int chunk = Math.Max(1, Math.Min(batchSize, x.Rows));

        // Scratch from the shared pool: a fresh pair per call (chunk × width, 40 MB at batch 10,000 × 784 before
        // this change) spent more time zeroing and page-faulting new memory than the GEMMs took (perf, W5-batch).
        // Only layer outputs land in the scratch (the input is read in place), so the width excludes the inputs.
        int length = chunk * MaxOutputWidth();
        T[] front = ArrayPool<T>.Shared.Rent(length), back = ArrayPool<T>.Shared.Rent(length);
        try
        {
            for (int start = 0; start < x.Rows; start += chunk)
            {
                int rows = Math.Min(chunk, x.Rows - start);
                ForwardInference(x.Data.AsSpan(start * x.Columns, rows * x.Columns), result.Data.AsSpan(start * Outputs, rows * Outputs), rows, front, back, default);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(front);
            ArrayPool<T>.Shared.Return(back);
        }

        return result;
    }

    /// <summary>Runs the model on one sample without allocating (after the first call on a thread): the low-latency path.</summary>
    /// <param name="input">One row of <see cref="Inputs"/> values.</param>
    /// <param name="output">Receives <see cref="Outputs"/> values.</param>
    /// <remarks>Thread-safe; the input is not checked for NaN (the caller owns it).</remarks>
    /// <exception cref="ArgumentException">The lengths do not match the model.</exception>
    public void Predict(ReadOnlySpan<T> input, Span<T> output)
    {
        if (!IsBuilt || input.Length != Inputs || output.Length < Outputs)
        {
            throw new ArgumentException($"Predict needs {(IsBuilt ? Inputs : "(unbuilt model)")} inputs and room for {Outputs} outputs; got {input.Length} and {output.Length}.", nameof(input));
        }

        int width = MaxWidth();
        if (_threadSampleScratch is null || _threadSampleScratch.Length < 2 * width)
        {
            _threadSampleScratch = new T[2 * width];
        }

        ForwardInference(input, output, 1, _threadSampleScratch.AsSpan(0, width), _threadSampleScratch.AsSpan(width, width), default);
    }

    /// <summary>Measures the loss and the compiled metrics on a data set.</summary>
    /// <param name="x">Inputs, rows × features.</param>
    /// <param name="y">Targets, as for Fit.</param>
    /// <param name="batchSize">Rows computed together.</param>
    /// <returns>"loss" (the data loss, without any L2 penalty) and each metric by name.</returns>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="ArgumentException">Empty or mismatched data, or NaN values.</exception>
    public IReadOnlyDictionary<string, double> Evaluate(Matrix<T> x, Matrix<T> y, int batchSize = 256)
    {
        CheckCompiled();
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        CheckData(x, y, "evaluation");
        return EvaluateRows(x, y, 0, x.Rows, batchSize);
    }

    /// <summary>
    /// The mean <paramref name="loss"/> (from the logits when it absorbs the last activation; no penalty) and each of
    /// <paramref name="metrics"/> on checked data, without compiling: for a loaded model, which has no optimizer.
    /// </summary>
    internal Dictionary<string, double> Evaluate(Matrix<T> x, Matrix<T> y, Loss loss, IReadOnlyList<Metric> metrics)
    {
        CheckLossFits(loss);
        bool fused = loss.FusedActivation is not null;
        return EvaluateRows(x, y, 0, x.Rows, 256, loss, metrics, fused);
    }

    /// <summary>Loss and the compiled metrics over rows [start, start + count) of checked data.</summary>
    private Dictionary<string, double> EvaluateRows(Matrix<T> x, Matrix<T> y, int start, int count, int batchSize) =>
        EvaluateRows(x, y, start, count, batchSize, Loss!, _metrics, LossIsFused);

    private Dictionary<string, double> EvaluateRows(Matrix<T> x, Matrix<T> y, int start, int count, int batchSize, Loss loss, IReadOnlyList<Metric> metrics, bool fused)
    {
        int outputs = Outputs, targetColumns = y.Columns, chunk = Math.Min(batchSize, count), width = MaxWidth();
        var (front, back) = (new T[chunk * width], new T[chunk * width]);
        var predictions = new T[chunk * outputs];
        var logits = fused ? new T[chunk * outputs] : [];
        foreach (var metric in metrics)
        {
            metric.Reset();
        }

        double lossSum = 0;
        for (int offset = start; offset < start + count; offset += chunk)
        {
            int rows = Math.Min(chunk, start + count - offset);
            Span<T> output = predictions.AsSpan(0, rows * outputs);
            ForwardInference(x.Data.AsSpan(offset * x.Columns, rows * x.Columns), output, rows, front, back, logits.AsSpan(0, fused ? rows * outputs : 0));
            ReadOnlySpan<T> targets = y.Data.AsSpan(offset * targetColumns, rows * targetColumns);
            lossSum += loss.Compute<T>(fused ? logits.AsSpan(0, rows * outputs) : output, targets, default, rows, outputs) * rows;
            foreach (var metric in metrics)
            {
                metric.Update<T>(output, targets, rows, outputs, targetColumns);
            }
        }

        // The data loss only, as in the training logs, which report the L2 penalty apart ("penalty").
        var results = new Dictionary<string, double> { ["loss"] = lossSum / count };
        foreach (var metric in metrics)
        {
            results[metric.Name] = metric.Result;
        }

        return results;
    }

    /// <summary>Inference forward pass through every layer, ping-ponging between two scratch buffers.</summary>
    private void ForwardInference(ReadOnlySpan<T> x, Span<T> output, int rows, Span<T> front, Span<T> back, Span<T> lastPreActivations)
    {
        ReadOnlySpan<T> current = x;
        for (int i = 0; i < _layers.Count; i++)
        {
            Layer<T> layer = _layers[i];
            bool last = i == _layers.Count - 1;
            Span<T> destination = last ? output[..(rows * layer.Outputs)] : (i % 2 == 0 ? front : back)[..(rows * layer.Outputs)];
            layer.Forward(current, destination, rows, training: false, last ? lastPreActivations : default);
            current = destination;
        }
    }

    private int MaxOutputWidth()
    {
        int width = 1;
        foreach (var layer in _layers)
        {
            width = Math.Max(width, layer.Outputs);
        }

        return width;
    }

    private int MaxWidth()
    {
        int width = Inputs;
        foreach (var layer in _layers)
        {
            width = Math.Max(width, layer.Outputs);
        }

        return width;
    }
}
