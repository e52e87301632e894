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
    /// <summary>Trains on <paramref name="data"/>, holding out <see cref="TabularOptions.TestSplit"/> of it first to test the final model.</summary>
    /// <param name="data">The rows to learn from (and to test on, with a test split).</param>
    /// <param name="options">Architecture and training settings.</param>
    /// <returns>The model (network, preprocessing, names, training facts with the options, data hash and metrics), the
    /// training history, the rows of each split and the final model's metrics on each.</returns>
    /// <exception cref="ArgumentException">Bad options, or data the network cannot learn from (e.g. one class only).</exception>
    public static TabularTrainingResult Train(TabularDataset data, TabularOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (data.Rows == 0)
        {
            throw new ArgumentException($"'{data.Source}' has no rows to learn from.", nameof(data));
        }

        if (data.Task == TaskKind.Classification && data.ClassCount < 2)
        {
            throw new ArgumentException($"{data.Source} has {data.ClassCount} class in its target '{data.TargetName}'; classification needs at least 2.", nameof(data));
        }

        if (!(options.TestSplit is >= 0 and < 1))
        {
            throw new ArgumentException($"TabularOptions.TestSplit is {options.TestSplit}; it must be in [0, 1), e.g. 0.2 to test on a fifth of the rows.", nameof(options));
        }

        // The data's fingerprint for the model file, on the core that the single-threaded preprocessing leaves idle.
        Task<string> dataHash = Task.Run(data.ContentHash);

        // Hold the test rows out before anything is fitted, so neither the preprocessing nor early stopping sees them.
        TabularDataset train = data;
        TabularDataset? test = null;
        if (options.TestSplit > 0)
        {
            (train, test, _) = DataSplit.HoldOut(data, options.TestSplit, options.Seed);
        }

        // Split off validation rows first, so the preprocessing never sees them.
        TabularDataset fitRows = train, validationRows = null!;
        if (options.ValidationSplit > 0 || options.EarlyStoppingPatience is not null)
        {
            double fraction = options.ValidationSplit > 0 ? options.ValidationSplit : TabularOptions.EarlyStoppingValidationSplit;
            (fitRows, validationRows, _) = DataSplit.HoldOut(train, fraction, options.Seed);
        }

        // Imputation, one-hot encoding and scaling, fitted on the training rows only.
        FeaturePipeline pipeline = FeaturePipeline.Fit(fitRows, options.Preprocessing);
        StandardScaler? targetScaler = null;
        if (train.Task == TaskKind.Regression)
        {
            targetScaler = new StandardScaler();
            targetScaler.Fit(new Matrix<float>(fitRows.Rows, 1, fitRows.Targets!));
        }

        var model = BuildModel(train, options, pipeline.OutputWidth);
        var (x, y) = Prepare(fitRows, pipeline, targetScaler);
        ModelDocument Describe(Sequential<float> network, TrainingFacts facts) => new()
        {
            Network = network,
            Task = train.Task,
            FeatureNames = train.FeatureNames,
            TargetName = train.TargetName,
            ClassNames = train.ClassNames ?? [],
            Imputer = pipeline.Imputer,
            Encoder = pipeline.Encoder,
            Scaler = pipeline.Scaler,
            TargetScaler = targetScaler,
            Training = facts with
            {
                Data = train.Source,
                Rows = fitRows.Rows,
                ValidationRows = validationRows?.Rows ?? 0,
                TestRows = test?.Rows ?? 0,
                BatchSize = options.BatchSize,
                DataSha256 = dataHash.Result,
                Options = options.Describe(),
                Tool = $"Perceptron {typeof(TabularTrainer).Assembly.GetName().Version}",
            },
        };

        // Resume: the split and scaler above came from the same seed and data; the checkpoint must agree, then it supplies
        // weights, optimizer state and the early-stopping memory. The checkpoint callback comes last, to save the others' state.
        TrainingCheckpoint? resumed = options.ResumeFrom is string from ? TrainingCheckpoint.Load(from) : null;
        if (resumed is not null)
        {
            CheckResumable(resumed, Describe(model, new TrainingFacts()), options);
        }

        var callbacks = new List<Callback>(options.Callbacks);
        if (options.EarlyStoppingPatience is int patience)
        {
            callbacks.Add(new EarlyStopping(patience));
        }

        resumed?.Restore(model, callbacks);
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
        Matrix<float>? vx = null;
        if (validationRows is not null)
        {
            (vx, Matrix<float> vy) = Prepare(validationRows, pipeline, targetScaler);
            history = model.Fit(x, y, trainingOptions, vx, vy);
        }
        else
        {
            history = model.Fit(x, y, trainingOptions);
        }

        clock.Stop();
        history = resumed is null ? history : resumed.History.Then(history);
        var facts = new TrainingFacts
        {
            Epochs = history.Epochs,
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
            FinalLoss = history.Epochs > 0 ? history["loss"][^1] : null,
            Outcome = history.Outcome,
            StopReason = history.StopReason,
            CreatedUtc = DateTimeOffset.UtcNow,
        };

        // The final model on each split, recorded in the file: what `info` shows and a later run can be compared with.
        var trained = TabularModel.FromDocument(Describe(model, facts));
        TabularEvaluation? trainMetrics = TryEvaluate(trained, fitRows, x), validationMetrics = TryEvaluate(trained, validationRows, vx), testMetrics = TryEvaluate(trained, test, null);
        var metrics = new Dictionary<string, IReadOnlyDictionary<string, double>>();
        foreach (var (split, evaluation) in new[] { ("train", trainMetrics), ("validation", validationMetrics), ("test", testMetrics) })
        {
            if (evaluation is not null)
            {
                metrics[split] = evaluation.ToDictionary();
            }
        }

        return new TabularTrainingResult(TabularModel.FromDocument(Describe(model, facts with { Metrics = metrics })), history, fitRows, validationRows)
        {
            TestRows = test,
            TrainEvaluation = trainMetrics,
            ValidationEvaluation = validationMetrics,
            TestEvaluation = testMetrics,
        };
    }

    /// <summary>The model's metrics on some rows, or null when there are none or the outputs overflow (a diverged model).</summary>
    /// <param name="model">The trained model.</param>
    /// <param name="rows">The rows to measure it on, or null.</param>
    /// <param name="networkInputs">The rows already through the model's pipeline (training and validation rows were
    /// prepared for Fit, which leaves them as they were), or null to transform them.</param>
    private static TabularEvaluation? TryEvaluate(TabularModel model, TabularDataset? rows, Matrix<float>? networkInputs)
    {
        if (rows is null)
        {
            return null;
        }

        try
        {
            return model.Evaluate(rows, networkInputs);
        }
        catch (ArgumentException)
        {
            // The rows come from the training data, so columns and classes match: the one failure left is an output that
            // overflows float32, after a run that diverged. No metrics then, rather than no model.
            return null;
        }
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

    /// <summary>The network for a task: hidden layers as asked, then a softmax (classification) or linear (regression) output,
    /// compiled with cross-entropy (weighted by <see cref="TabularOptions.ClassWeights"/>, resolved on <paramref name="train"/>) or MSE.</summary>
    /// <param name="train">The training rows: their task, classes and (for balanced weights) class counts.</param>
    /// <param name="options">The architecture and optimizer settings.</param>
    /// <param name="inputs">The network's input width: the preprocessing's output (<see cref="FeaturePipeline.OutputWidth"/>); null for one input per feature.</param>
    /// <returns>A compiled, built network.</returns>
    /// <exception cref="ArgumentException">No activation, or class weights on a regression or naming an unknown class.</exception>
    public static Sequential<float> BuildModel(TabularDataset train, TabularOptions options, int? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        double[]? classWeights = options.ClassWeights?.Resolve(train); // refuses weights for a regression
        return BuildNetwork(train.Task == TaskKind.Classification ? train.ClassCount : 0, classWeights, options, inputs ?? train.Features.Columns);
    }

    /// <summary>The network for <paramref name="classes"/> classes (0 for a regression), as <see cref="BuildModel"/> describes.</summary>
    internal static Sequential<float> BuildNetwork(int classes, double[]? classWeights, TabularOptions options, int inputs)
    {
        Activation hidden = options.Activation ?? throw new ArgumentException("TabularOptions.Activation must be set.", nameof(options));
        Initializer initializer = hidden is Relu or LeakyRelu or Elu or Gelu ? Initializer.HeUniform : Initializer.GlorotUniform;
        var model = new Sequential<float> { Seed = options.Seed };
        foreach (int units in options.Layers)
        {
            model.Add(new Dense<float>(units, hidden, initializer, l2: options.L2, l1: options.L1));
            if (options.Dropout > 0)
            {
                model.Add(new Dropout<float>(options.Dropout));
            }
        }

        bool classify = classes > 0;
        model.Add(new Dense<float>(classify ? classes : 1, classify ? Activation.Softmax : Activation.Linear, l2: options.L2, l1: options.L1));
        var optimizer = OptimizerFactory.Create(options.Optimizer, options.LearningRate);
        model.Compile(optimizer, classify ? new SparseCategoricalCrossEntropy(classWeights) : new MeanSquaredError(), classify ? new Accuracy() : new R2Score());
        model.Build(inputs);
        return model;
    }

    /// <summary>Preprocessed features and the targets as the network trains on them (class indices, or the standardised value).</summary>
    private static (Matrix<float> X, Matrix<float> Y) Prepare(TabularDataset data, FeaturePipeline pipeline, StandardScaler? targetScaler)
    {
        Matrix<float> x = pipeline.Transform(pipeline.EncodeForReading(data));
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
            ("imputation", ImputerText(saved.Imputer), ImputerText(now.Imputer)),
            ("categories", EncoderText(saved.Encoder), EncoderText(now.Encoder)),
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

    /// <summary>An imputer's exact fill values and indicators as text, for comparison.</summary>
    private static string ImputerText(MissingValueImputer? imputer) => imputer is null ? "none"
        : string.Create(CultureInfo.InvariantCulture, $"{imputer.Strategy} {string.Join(' ', imputer.FillValues)} / {string.Join(' ', imputer.IndicatorColumns)}");

    /// <summary>An encoder's categories as text, for comparison.</summary>
    private static string EncoderText(OneHotEncoder? encoder) => encoder is null ? "none"
        : string.Join("; ", encoder.Columns.Select(c => $"{c.Index}: {string.Join(", ", c.Categories)}{(c.HasOther ? " + other" : "")}"));

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
/// <param name="TrainRows">The rows the network was fitted on (the training data less any validation and test rows).</param>
/// <param name="ValidationRows">The rows held out for validation, or null.</param>
public sealed record TabularTrainingResult(TabularModel Model, History History, TabularDataset TrainRows, TabularDataset? ValidationRows)
{
    /// <summary>The rows held out by <see cref="TabularOptions.TestSplit"/>, or null.</summary>
    public TabularDataset? TestRows { get; init; }

    /// <summary>The final model on <see cref="TrainRows"/> (null if its outputs overflowed).</summary>
    public TabularEvaluation? TrainEvaluation { get; init; }

    /// <summary>The final model on <see cref="ValidationRows"/>, or null.</summary>
    public TabularEvaluation? ValidationEvaluation { get; init; }

    /// <summary>The final model on <see cref="TestRows"/>, or null.</summary>
    public TabularEvaluation? TestEvaluation { get; init; }
}
