using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Perceptron.Core;
using Perceptron.Kernels;
using Perceptron.Tensors;
using Perceptron.Training.Callbacks;

namespace Perceptron.Training;

public partial class Sequential<T>
{
    // Training buffers, sized once for the largest batch and reused by every step (no allocation per step).
    private T[][] _activations = [];      // [i]: input of layer i (batch × width); [^1]: the model's output
    private T[][] _outputGradients = [];  // [i]: ∂loss/∂(output of layer i − 1); [0] unused
    private T[] _batchTargets = [];
    private int _trainingCapacity;
    private IReadOnlyList<Callback> _callbacks = [];

    /// <summary>Trains the model; see <see cref="TrainingOptions"/> for every setting.</summary>
    /// <param name="x">Training inputs, rows × features, finite.</param>
    /// <param name="y">Training targets, rows × outputs (one column of class indices for sparse cross-entropy).</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="batchSize">Rows per step.</param>
    /// <param name="shuffle">Reshuffle the rows every epoch.</param>
    /// <param name="validationSplit">Fraction of rows held out from the end for validation.</param>
    /// <param name="validationData">Separate validation inputs and targets (takes precedence over the split).</param>
    /// <param name="callbacks">Early stopping, progress, ….</param>
    /// <returns>Per-epoch loss and metrics.</returns>
    /// <inheritdoc cref="Fit(Matrix{T}, Matrix{T}, TrainingOptions, Matrix{T}?, Matrix{T}?)" path="/exception"/>
    public History Fit(
        Matrix<T> x, Matrix<T> y, int epochs = 1, int batchSize = 32, bool shuffle = true, double validationSplit = 0,
        (Matrix<T> X, Matrix<T> Y)? validationData = null, IEnumerable<Callback>? callbacks = null) =>
        Fit(x, y, new TrainingOptions
        {
            Epochs = epochs,
            BatchSize = batchSize,
            Shuffle = shuffle,
            ValidationSplit = validationSplit,
            Callbacks = [.. callbacks ?? []],
        }, validationData?.X, validationData?.Y);

    /// <summary>Trains the model by mini-batch gradient descent.</summary>
    /// <param name="x">Training inputs, rows × features, finite.</param>
    /// <param name="y">Training targets, rows × outputs (one column of class indices for sparse cross-entropy).</param>
    /// <param name="options">Epochs, batch size, shuffling, validation, schedule, callbacks, clipping.</param>
    /// <param name="validationX">Separate validation inputs, or null.</param>
    /// <param name="validationY">Separate validation targets, or null.</param>
    /// <returns>Per-epoch loss and metrics, and why training stopped early, if it did.</returns>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="ArgumentException">Empty data, mismatched rows or widths (naming the layer and both shapes), NaN or ∞ values, bad options.</exception>
    public History Fit(Matrix<T> x, Matrix<T> y, TrainingOptions options, Matrix<T>? validationX = null, Matrix<T>? validationY = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckCompiled();
        CheckOptions(options);
        CheckData(x, y, "training");
        int trainRows = x.Rows, validationStart = x.Rows;
        if (validationX is not null || validationY is not null)
        {
            CheckData(validationX ?? throw new ArgumentNullException(nameof(validationX)), validationY ?? throw new ArgumentNullException(nameof(validationY)), "validation");
        }
        else if (options.ValidationSplit > 0)
        {
            // Keras's rule: the last rows, before any shuffling, so the split is the same every run.
            int validationRows = (int)(x.Rows * options.ValidationSplit);
            if (validationRows < 1 || validationRows >= x.Rows)
            {
                throw new ArgumentException($"A validation split of {options.ValidationSplit} leaves {validationRows} of {x.Rows} rows for validation; each side needs at least one row.", nameof(options));
            }

            trainRows = validationStart = x.Rows - validationRows;
        }

        int batchSize = Math.Min(options.BatchSize, trainRows);
        int batches = (trainRows + batchSize - 1) / batchSize;
        PrepareTraining(batchSize);
        var order = new int[trainRows];

        // One epoch's batches: order the rows (seeded by the model's seed and the epoch), then gather each batch in turn.
        IEnumerable<int> Batches(int epoch)
        {
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            if (options.Shuffle)
            {
                new Rng(Seed, epoch, stream: 0).Shuffle(order);
            }

            for (int batch = 0; batch < batches; batch++)
            {
                int rows = Math.Min(batchSize, trainRows - batch * batchSize);
                Gather(x, y, order.AsSpan(batch * batchSize, rows));
                yield return rows;
            }
        }

        IReadOnlyDictionary<string, double>? Validate() =>
            validationX is not null ? Evaluate(validationX, validationY!)
            : validationStart < x.Rows ? EvaluateRows(x, y, validationStart, x.Rows - validationStart, 256)
            : null;

        return RunEpochs(options, batches, Batches, Validate);
    }

    /// <summary>
    /// The epoch loop shared by both ways of feeding data: <paramref name="epochBatches"/> places each batch of an epoch in the
    /// training buffers and yields its row count (<paramref name="batches"/> of them, for progress; 0 when unknown);
    /// <paramref name="validate"/> gives the validation logs at each epoch's end, or null.
    /// </summary>
    private History RunEpochs(TrainingOptions options, int batches, Func<int, IEnumerable<int>> epochBatches, Func<IReadOnlyDictionary<string, double>?> validate)
    {
        var history = new History();
        StopTraining = false;
        StopReason = null;
        _callbacks = options.Callbacks;
        foreach (var callback in options.Callbacks)
        {
            callback.OnTrainBegin(this, options.Epochs, batches);
        }

        for (int epoch = options.InitialEpoch; epoch < options.Epochs && !StopTraining; epoch++)
        {
            var clock = Stopwatch.StartNew();

            // Schedule, randomness and order for this epoch depend only on (seed, epoch): a resumed run matches.
            if (options.Schedule is not null)
            {
                Optimizer!.LearningRate = options.Schedule.Rate(epoch, Optimizer.InitialLearningRate);
            }

            for (int i = 0; i < _layers.Count; i++)
            {
                _layers[i].StartEpoch(Seed, epoch, i);
            }

            foreach (var metric in _metrics)
            {
                metric.Reset();
            }

            double lossSum = 0, penaltySum = 0;
            int seen = 0, batch = 0;
            foreach (int rows in epochBatches(epoch))
            {
                if (StopTraining)
                {
                    break;
                }

                options.CancellationToken.ThrowIfCancellationRequested();
                var (loss, penalty) = TrainStep(rows, options);
                if (!double.IsFinite(loss))
                {
                    // The bad step was not applied: the parameters are those of the last good step.
                    history.Diverged = true;
                    StopTraining = true;
                    StopReason = string.Create(CultureInfo.InvariantCulture,
                        $"the loss or its gradient became {(double.IsNaN(loss) ? "NaN" : "infinite")} at epoch {epoch + 1}, batch {batch + 1}; the model keeps the weights of the last good step. Try a lower learning rate, scaling the inputs, or gradient clipping.");
                    break;
                }

                lossSum += loss * rows;
                penaltySum += penalty * rows;
                seen += rows;
                batch++;
                var progress = new BatchProgress(epoch + 1, options.Epochs, batch, Math.Max(batches, batch), seen, lossSum / seen, penaltySum / seen);
                for (int c = 0; c < options.Callbacks.Count; c++)
                {
                    // An indexed loop: foreach over the interface would allocate an enumerator every step.
                    options.Callbacks[c].OnBatchEnd(this, progress);
                }
            }

            if (seen == 0)
            {
                break;
            }

            // Log the epoch: the data loss, the penalty (when the model has one), metrics, then validation.
            var logs = new Dictionary<string, double> { ["loss"] = lossSum / seen };
            if (HasPenalty)
            {
                logs["penalty"] = penaltySum / seen;
            }

            foreach (var metric in _metrics)
            {
                logs[metric.Name] = metric.Result;
            }

            if (validate() is { } validation)
            {
                AddValidationLogs(logs, validation);
            }

            history.Add(logs);
            var result = new EpochResult(epoch + 1, options.Epochs, logs, clock.Elapsed);
            foreach (var callback in options.Callbacks)
            {
                callback.OnEpochEnd(this, result);
            }
        }

        history.StopReason = StopReason;
        foreach (var callback in options.Callbacks)
        {
            callback.OnTrainEnd(this, history);
        }

        return history;
    }

    /// <summary>One gradient step on the batch already gathered; returns the data loss and the penalty, or a NaN/∞ loss (without updating) if it diverged.</summary>
    private (double Loss, double Penalty) TrainStep(int batch, TrainingOptions options)
    {
        var (dataLoss, penalty) = ForwardBackward(batch);
        double loss = dataLoss + penalty;

        // guard and clip: one pass for the norm, which also reveals a NaN or ∞ gradient
        if (_parameterPasses is null || !_parameterPasses.Fits(_parameters, KernelSettings.MaxThreads))
        {
            _parameterPasses = new ParameterPasses<T>(_layers, _parameters, _gradients, KernelSettings.MaxThreads);
        }

        double squaredNorm = _parameterPasses.SquaredNorm();
        if (!double.IsFinite(loss) || !double.IsFinite(squaredNorm))
        {
            return (double.IsFinite(loss) ? squaredNorm : loss, 0);
        }

        if (options.ClipValue is double limit)
        {
            TensorPrimitives.Clamp<T>(_gradients, T.CreateTruncating(-limit), T.CreateTruncating(limit), _gradients);
        }

        if (options.ClipNorm is double maxNorm && squaredNorm > maxNorm * maxNorm)
        {
            TensorPrimitives.Multiply<T>(_gradients, T.CreateTruncating(maxNorm / Math.Sqrt(squaredNorm)), _gradients);
        }

        // step
        _parameterPasses.Step(Optimizer!);
        return (dataLoss, penalty);
    }

    /// <summary>Forward, loss and backward on the gathered batch: fills the gradients (of the data loss plus the penalty) and returns both terms.</summary>
    private (double DataLoss, double Penalty) ForwardBackward(int batch, bool updateMetrics = true)
    {
        int layers = _layers.Count, outputs = Outputs;

        // forward
        for (int i = 0; i < layers; i++)
        {
            _layers[i].Forward(Rows(_activations[i], batch, _layers[i].Inputs), Rows(_activations[i + 1], batch, _layers[i].Outputs), batch, training: true);
        }

        // loss (from the pre-activations when the loss absorbs the output activation)
        Span<T> output = Rows(_activations[layers], batch, outputs);
        ReadOnlySpan<T> lossInput = LossIsFused ? ((Layers.IFusableOutput<T>)_layers[^1]).PreActivations(batch) : output;
        int targetColumns = Loss!.TargetColumns(outputs);
        ReadOnlySpan<T> targets = _batchTargets.AsSpan(0, batch * targetColumns);
        double loss = _lossCompute!(lossInput, targets, Rows(_outputGradients[layers], batch, outputs), batch, outputs);
        for (int m = 0; m < _metricUpdates.Length && updateMetrics; m++)
        {
            _metricUpdates[m](output, targets, batch, outputs, targetColumns);
        }

        // backward
        for (int i = layers - 1; i >= 0; i--)
        {
            Span<T> dX = i == 0 ? default : Rows(_outputGradients[i], batch, _layers[i].Inputs);
            _layers[i].Backward(Rows(_activations[i], batch, _layers[i].Inputs), Rows(_activations[i + 1], batch, _layers[i].Outputs), Rows(_outputGradients[i + 1], batch, _layers[i].Outputs), dX, batch);
        }

        return (loss, Penalty());
    }

    /// <summary>Copies the chosen rows of x and y into the first activation buffer and the target buffer.</summary>
    private void Gather(Matrix<T> x, Matrix<T> y, ReadOnlySpan<int> rows)
    {
        Span<T> inputs = _activations[0], targets = _batchTargets;
        for (int i = 0; i < rows.Length; i++)
        {
            x.Data.AsSpan(rows[i] * x.Columns, x.Columns).CopyTo(inputs.Slice(i * x.Columns, x.Columns));
            y.Data.AsSpan(rows[i] * y.Columns, y.Columns).CopyTo(targets.Slice(i * y.Columns, y.Columns));
        }
    }

    private void PrepareTraining(int batchSize)
    {
        if (_trainingCapacity >= batchSize)
        {
            return;
        }

        _activations = new T[_layers.Count + 1][];
        _outputGradients = new T[_layers.Count + 1][];
        _activations[0] = new T[batchSize * Inputs];
        _outputGradients[0] = [];
        for (int i = 0; i < _layers.Count; i++)
        {
            _activations[i + 1] = new T[batchSize * _layers[i].Outputs];
            _outputGradients[i + 1] = new T[batchSize * _layers[i].Outputs];
            _layers[i].PrepareTraining(batchSize);
        }

        _batchTargets = new T[batchSize * Loss!.TargetColumns(Outputs)];
        _trainingCapacity = batchSize;
    }

    private double Penalty()
    {
        double penalty = 0;
        foreach (var layer in _layers)
        {
            penalty += layer.Penalty();
        }

        return penalty;
    }

    private static Span<T> Rows(T[] buffer, int batch, int width) => buffer.AsSpan(0, batch * width);

    private static void AddValidationLogs(Dictionary<string, double> logs, IReadOnlyDictionary<string, double> validation)
    {
        foreach (var (key, value) in validation)
        {
            logs["val_" + key] = value;
        }
    }

    private static void CheckOptions(TrainingOptions options)
    {
        if (options.Epochs < 0 || options.BatchSize < 1 || options.InitialEpoch < 0 || options.InitialEpoch > options.Epochs)
        {
            throw new ArgumentException(
                $"Need epochs ≥ 0, batch size ≥ 1 and 0 ≤ initial epoch ≤ epochs; got epochs={options.Epochs}, batchSize={options.BatchSize}, initialEpoch={options.InitialEpoch}.", nameof(options));
        }

        if (!(options.ValidationSplit is >= 0 and < 1))
        {
            throw new ArgumentException($"The validation split must be in [0, 1); got {options.ValidationSplit}.", nameof(options));
        }

        if (options.ClipNorm is <= 0 or double.NaN || options.ClipValue is <= 0 or double.NaN)
        {
            throw new ArgumentException("Gradient clipping limits must be greater than 0.", nameof(options));
        }
    }

    /// <summary>Checks rows, widths and values of a data set, building the model from its width if needed.</summary>
    private void CheckData(Matrix<T> x, Matrix<T> y, string what)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rows == 0)
        {
            throw new ArgumentException($"The {what} data is empty: there are no rows to learn from.", nameof(x));
        }

        if (x.Rows != y.Rows)
        {
            throw new ArgumentException($"The {what} inputs have {x.Rows} rows but the targets have {y.Rows}; they must pair up one to one.", nameof(y));
        }

        Build(x.Columns);
        int targetColumns = Loss!.TargetColumns(Outputs);
        if (y.Columns != targetColumns)
        {
            throw new ArgumentException(
                $"The {what} targets have {y.Columns} columns but loss '{Loss.Name}' with layer '{_layers[^1].Name}' ({Outputs} units) expects {targetColumns}; check the last layer's units or the targets' encoding (one-hot vs class indices).", nameof(y));
        }

        CheckFinite(x, $"{what} inputs");
        CheckFinite(y, $"{what} targets");
        Loss.ValidateTargets<T>(y.Data, Outputs);
    }

    private static void CheckFinite(Matrix<T> matrix, string what)
    {
        ReadOnlySpan<T> data = matrix.Data;
        // One vectorised pass in the common case; look for the culprit only when something is wrong.
        if (T.IsFinite(TensorPrimitives.Sum(data) * T.Zero))
        {
            return;
        }

        for (int i = 0; i < data.Length; i++)
        {
            if (!T.IsFinite(data[i]))
            {
                throw new ArgumentException($"The {what} hold {data[i]} at row {i / matrix.Columns}, column {i % matrix.Columns}; every value must be a finite number.");
            }
        }
    }
}
