using Perceptron.Tensors;

namespace Perceptron.Training;

public partial class Sequential<T>
{
    /// <summary>
    /// Trains the model on batches streamed from <paramref name="training"/>, one epoch after another: the entry point for
    /// data larger than memory. Callbacks, history, optimizer state, clipping and schedules work as for the in-memory
    /// <see cref="Fit(Matrix{T}, Matrix{T}, TrainingOptions, Matrix{T}?, Matrix{T}?)"/>, and a step allocates nothing.
    /// </summary>
    /// <param name="training">The training batches; it orders (shuffles) the rows itself, so <see cref="TrainingOptions.Shuffle"/> is not used.</param>
    /// <param name="options">Epochs, schedule, callbacks, clipping; <see cref="TrainingOptions.BatchSize"/> sizes the buffers
    /// (a larger batch from the source grows them once), and <see cref="TrainingOptions.ValidationSplit"/> must be 0.</param>
    /// <param name="validation">Batches to validate on at the end of each epoch (logged with the <c>val_</c> prefix), or null.</param>
    /// <returns>Per-epoch loss and metrics, and why training stopped early, if it did.</returns>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="ArgumentException">An empty epoch, a batch with mismatched rows or widths, NaN or ∞ values, bad options.</exception>
    /// <example><code>
    /// History history = model.Fit(new MyFileBatches("big.csv", batchSize: 256), new TrainingOptions { Epochs = 2, BatchSize = 256 });
    /// </code></example>
    public History Fit(IBatchSource<T> training, TrainingOptions options, IBatchSource<T>? validation = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        CheckCompiled();
        CheckOptions(options);
        if (options.ValidationSplit > 0)
        {
            throw new ArgumentException("A batch source cannot be split by TrainingOptions.ValidationSplit; pass the validation rows as their own source.", nameof(options));
        }

        IEnumerable<int> Batches(int epoch)
        {
            bool any = false;
            foreach (var (x, y) in training.Batches(epoch))
            {
                CheckData(x, y, "training");
                PrepareTraining(Math.Max(options.BatchSize, x.Rows));
                x.Data.AsSpan(0, x.Rows * x.Columns).CopyTo(_activations[0]);
                y.Data.AsSpan(0, y.Rows * y.Columns).CopyTo(_batchTargets);
                any = true;
                yield return x.Rows;
            }

            if (!any)
            {
                throw new ArgumentException($"The training source gave no batches in epoch {epoch + 1}: there are no rows to learn from.", nameof(training));
            }
        }

        return RunEpochs(options, training.BatchesPerEpoch, Batches, () => validation is null ? null : Evaluate(validation.Batches(0)));
    }

    /// <summary>Measures the loss and the compiled metrics over batches read one at a time (data larger than memory).</summary>
    /// <param name="batches">Pairs of inputs and targets, as for Fit; a pair may be reused by its producer once the next is asked for.</param>
    /// <returns>"loss" (the data loss, without any L2 penalty) and each metric by name, over every row of every batch.</returns>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="ArgumentException">No rows, mismatched batches, or NaN values.</exception>
    public IReadOnlyDictionary<string, double> Evaluate(IEnumerable<(Matrix<T> X, Matrix<T> Y)> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        CheckCompiled();
        foreach (var metric in _metrics)
        {
            metric.Reset();
        }

        T[] front = [], back = [], predictions = [], logits = [];
        double lossSum = 0;
        long count = 0;
        foreach (var (x, y) in batches)
        {
            CheckData(x, y, "evaluation");
            int rows = x.Rows, outputs = Outputs;
            if (predictions.Length < rows * outputs)
            {
                int width = MaxWidth();
                (front, back, predictions) = (new T[rows * width], new T[rows * width], new T[rows * outputs]);
                logits = LossIsFused ? new T[rows * outputs] : [];
            }

            Span<T> output = predictions.AsSpan(0, rows * outputs);
            Span<T> preActivations = logits.AsSpan(0, LossIsFused ? rows * outputs : 0);
            ForwardInference(x.Data.AsSpan(0, rows * x.Columns), output, rows, front, back, preActivations);
            ReadOnlySpan<T> targets = y.Data.AsSpan(0, rows * y.Columns);
            lossSum += Loss!.Compute<T>(LossIsFused ? preActivations : output, targets, default, rows, outputs) * rows;
            foreach (var metric in _metrics)
            {
                metric.Update<T>(output, targets, rows, outputs, y.Columns);
            }

            count += rows;
        }

        if (count == 0)
        {
            throw new ArgumentException("The batches hold no rows to evaluate.", nameof(batches));
        }

        // The data loss only, as in the training logs, which report the L2 penalty apart ("penalty").
        var results = new Dictionary<string, double> { ["loss"] = lossSum / count };
        foreach (var metric in _metrics)
        {
            results[metric.Name] = metric.Result;
        }

        return results;
    }
}
