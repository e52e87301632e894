using System.Diagnostics;
using System.Globalization;
using Perceptron.Activations;
using Perceptron.Data;
using Perceptron.Initializers;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Metrics;
using Perceptron.Optimizers;
using Perceptron.Serialization;
using Perceptron.Tensors;
using Perceptron.Training;
using Perceptron.Training.Callbacks;

namespace Perceptron.Tabular;

/// <summary>
/// Trains a model on a table from one call: scaling fitted on the training rows, an MLP with an output layer and
/// loss chosen for the task, optional validation and early stopping. What <c>perceptron train</c> runs.
/// </summary>
/// <remarks>
/// Classification: softmax output, sparse categorical cross-entropy, accuracy. Regression: linear output on a
/// standardised target, mean squared error, R². Hidden layers use He initialisation for the ReLU family and Glorot
/// otherwise.
/// </remarks>
public static class TabularTrainer
{
    /// <summary>Trains on <paramref name="train"/>.</summary>
    /// <param name="train">The training rows (any test rows must be held out by the caller).</param>
    /// <param name="options">Architecture and training settings.</param>
    /// <returns>The model file (network, preprocessing, names, training facts) and the training history.</returns>
    /// <exception cref="ArgumentException">Bad options, or data the network cannot learn from (e.g. one class only).</exception>
    public static TabularTrainingResult Train(TabularDataset train, TabularOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        if (train.Task == TaskKind.Classification && train.ClassCount < 2)
        {
            throw new ArgumentException($"{train.Source} has {train.ClassCount} class in its target '{train.TargetName}'; classification needs at least 2.", nameof(train));
        }

        // Split off validation rows first, so the scaler never sees them.
        TabularDataset fitRows = train, validationRows = null!;
        if (options.ValidationSplit > 0 || options.EarlyStoppingPatience is not null)
        {
            double fraction = options.ValidationSplit > 0 ? options.ValidationSplit : TabularOptions.EarlyStoppingValidationSplit;
            (fitRows, validationRows, _) = DataSplit.HoldOut(train, fraction, options.Seed);
        }

        IFeatureScaler? scaler = options.Scaling switch
        {
            FeatureScaling.Standard => new StandardScaler(),
            FeatureScaling.MinMax => new MinMaxScaler(),
            FeatureScaling.None => null,
            _ => throw new ArgumentException($"Unknown scaling {options.Scaling}; expected Standard, MinMax or None.", nameof(options)),
        };
        scaler?.Fit(fitRows.Features);
        StandardScaler? targetScaler = null;
        if (train.Task == TaskKind.Regression)
        {
            targetScaler = new StandardScaler();
            targetScaler.Fit(new Matrix<float>(fitRows.Rows, 1, fitRows.Targets!));
        }

        var model = BuildModel(train, options);
        var (x, y) = Prepare(fitRows, scaler, targetScaler);
        ModelDocument Describe(Sequential<float> network, TrainingFacts facts) => new()
        {
            Network = network,
            Task = train.Task,
            FeatureNames = train.FeatureNames,
            TargetName = train.TargetName,
            ClassNames = train.ClassNames ?? [],
            Scaler = scaler,
            TargetScaler = targetScaler,
            Training = facts with
            {
                Data = train.Source,
                Rows = fitRows.Rows,
                ValidationRows = validationRows?.Rows ?? 0,
                BatchSize = options.BatchSize,
                Tool = $"Perceptron {typeof(TabularTrainer).Assembly.GetName().Version}",
            },
        };

        // Resume: the split and scaler above came from the same seed and data; the checkpoint must agree, then it supplies weights and optimizer state.
        TrainingCheckpoint? resumed = options.ResumeFrom is string from ? TrainingCheckpoint.Load(from) : null;
        if (resumed is not null)
        {
            CheckResumable(resumed, Describe(model, new TrainingFacts()), options);
            resumed.Restore(model);
        }

        var callbacks = new List<Callback>(options.Callbacks);
        if (options.EarlyStoppingPatience is int patience)
        {
            callbacks.Add(new EarlyStopping(patience));
        }

        if (options.CheckpointDirectory is string directory)
        {
            callbacks.Add(new Checkpoint(directory, options.CheckpointEvery) { Describe = network => Describe(network, new TrainingFacts()), InitialHistory = resumed?.History });
        }

        var clock = Stopwatch.StartNew();
        var trainingOptions = new TrainingOptions
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            Callbacks = callbacks,
            CancellationToken = options.CancellationToken,
            ClipNorm = options.ClipNorm,
            ClipValue = options.ClipValue,
            InitialEpoch = resumed?.Epoch ?? 0,
        };
        History history;
        if (validationRows is not null)
        {
            var (vx, vy) = Prepare(validationRows, scaler, targetScaler);
            history = model.Fit(x, y, trainingOptions, vx, vy);
        }
        else
        {
            history = model.Fit(x, y, trainingOptions);
        }

        clock.Stop();
        history = resumed is null ? history : resumed.History.Then(history);
        var file = Describe(model, new TrainingFacts
        {
            Epochs = history.Epochs,
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
            FinalLoss = history.Epochs > 0 ? history["loss"][^1] : null,
            Outcome = history.Outcome,
            StopReason = history.StopReason,
            CreatedUtc = DateTimeOffset.UtcNow,
        });
        return new TabularTrainingResult(TabularModel.FromDocument(file), history, fitRows, validationRows);
    }

    /// <summary>Trains on a thread-pool thread, reporting each finished epoch; see <see cref="Train"/>.</summary>
    /// <param name="train">The training rows (any test rows must be held out by the caller).</param>
    /// <param name="options">Architecture and training settings; its own token is honoured too.</param>
    /// <param name="progress">Receives each epoch's number and logs as it ends, or null.</param>
    /// <param name="cancellationToken">Stops training after the current batch; the task then ends as cancelled.</param>
    /// <returns>The trained model and its history.</returns>
    /// <exception cref="OperationCanceledException">Training was cancelled.</exception>
    public static Task<TabularTrainingResult> TrainAsync(TabularDataset train, TabularOptions options, IProgress<EpochResult>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Task.Run(() =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, cancellationToken);
            var callbacks = progress is null ? options.Callbacks : [.. options.Callbacks, new ProgressReporter(progress)];
            return Train(train, options with { Callbacks = callbacks, CancellationToken = linked.Token });
        }, cancellationToken);
    }

    /// <summary>The network for a task: hidden layers as asked, then a softmax (classification) or linear (regression) output.</summary>
    public static Sequential<float> BuildModel(TabularDataset train, TabularOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        Activation hidden = options.Activation ?? throw new ArgumentException("TabularOptions.Activation must be set.", nameof(options));
        Initializer initializer = hidden is Relu or LeakyRelu or Elu or Gelu ? Initializer.HeUniform : Initializer.GlorotUniform;
        var model = new Sequential<float> { Seed = options.Seed };
        foreach (int units in options.Layers)
        {
            model.Add(new Dense<float>(units, hidden, initializer, l2: options.L2));
            if (options.Dropout > 0)
            {
                model.Add(new Dropout<float>(options.Dropout));
            }
        }

        bool classify = train.Task == TaskKind.Classification;
        model.Add(new Dense<float>(classify ? train.ClassCount : 1, classify ? Activation.Softmax : Activation.Linear, l2: options.L2));
        var optimizer = OptimizerFactory.Create(options.Optimizer, options.LearningRate);
        model.Compile(optimizer, classify ? new SparseCategoricalCrossEntropy() : new MeanSquaredError(), classify ? new Accuracy() : new R2Score());
        model.Build(train.Features.Columns);
        return model;
    }

    /// <summary>Scaled features and the targets as the network trains on them (class indices, or the standardised value).</summary>
    private static (Matrix<float> X, Matrix<float> Y) Prepare(TabularDataset data, IFeatureScaler? scaler, StandardScaler? targetScaler)
    {
        Matrix<float> x = scaler is null ? data.Features : scaler.Transform(data.Features);
        Matrix<float> y = data.Task == TaskKind.Classification
            ? new Matrix<float>(data.Rows, 1, [.. data.Labels!.Select(label => (float)label)])
            : targetScaler!.Transform(new Matrix<float>(data.Rows, 1, data.Targets!));
        return (x, y);
    }

    /// <summary>Checks that a checkpoint belongs to this run: same names, rows, batch size and fitted scalers (which follow from the data and seed).</summary>
    private static void CheckResumable(TrainingCheckpoint checkpoint, ModelDocument now, TabularOptions options)
    {
        if (checkpoint.Epoch > options.Epochs)
        {
            throw new ArgumentException($"The checkpoint in '{options.ResumeFrom}' has completed {checkpoint.Epoch} epochs, more than the {options.Epochs} asked for; ask for at least {checkpoint.Epoch}.", nameof(options));
        }

        ModelDocument saved = checkpoint.Model;
        (string What, string Saved, string Now)[] facts =
        [
            ("task", $"{saved.Task}", $"{now.Task}"),
            ("features", string.Join(", ", saved.FeatureNames), string.Join(", ", now.FeatureNames)),
            ("target", $"{saved.TargetName}", $"{now.TargetName}"),
            ("classes", string.Join(", ", saved.ClassNames), string.Join(", ", now.ClassNames)),
            ("rows", $"{saved.Training?.Rows}", $"{now.Training?.Rows}"),
            ("validation rows", $"{saved.Training?.ValidationRows}", $"{now.Training?.ValidationRows}"),
            ("batch size", $"{saved.Training?.BatchSize}", $"{now.Training?.BatchSize}"),
            ("feature scaling", ScalerText(saved.Scaler), ScalerText(now.Scaler)),
            ("target scaling", ScalerText(saved.TargetScaler), ScalerText(now.TargetScaler)),
        ];
        foreach (var (what, before, after) in facts)
        {
            if (before != after)
            {
                throw new ArgumentException(
                    $"Cannot resume from '{options.ResumeFrom}': its {what} ({Shorten(before)}) differs from this run's ({Shorten(after)}); resume with the same data, seed and options as the interrupted run.",
                    nameof(options));
            }
        }

        static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
    }

    /// <summary>A scaler's kind and exact values as text, for comparison.</summary>
    private static string ScalerText(IFeatureScaler? scaler) => scaler switch
    {
        StandardScaler s => string.Create(CultureInfo.InvariantCulture, $"standard {string.Join(' ', s.Means)} / {string.Join(' ', s.StandardDeviations)}"),
        MinMaxScaler m => string.Create(CultureInfo.InvariantCulture, $"minmax {string.Join(' ', m.Minimums)} / {string.Join(' ', m.Maximums)}"),
        null => "none",
        _ => scaler.GetType().Name,
    };

}

/// <summary>The outcome of <see cref="TabularTrainer.Train"/>.</summary>
/// <param name="Model">The trained model with its preprocessing and names.</param>
/// <param name="History">Per-epoch loss and metrics.</param>
/// <param name="TrainRows">The rows the network was fitted on (the training data less any validation rows).</param>
/// <param name="ValidationRows">The rows held out for validation, or null.</param>
public sealed record TabularTrainingResult(TabularModel Model, History History, TabularDataset TrainRows, TabularDataset? ValidationRows);
