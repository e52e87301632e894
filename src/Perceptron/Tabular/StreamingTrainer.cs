using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Perceptron.Data;
using Perceptron.Serialization;
using Perceptron.Training;
using Perceptron.Training.Callbacks;

namespace Perceptron.Tabular;

/// <summary>
/// Trains on a CSV file larger than memory by reading it row by row: what <c>perceptron train --stream</c> runs. Memory
/// holds the model, the shuffle buffer and one batch, whatever the file's size.
/// </summary>
/// <remarks>
/// <para>First the first <see cref="StreamingOptions.SchemaRows"/> rows are loaded as <see cref="CsvLoader"/> loads a file,
/// to settle the layout, each column's kind and the task. One pass over the whole file then gathers the statistics of
/// the training rows (<see cref="ColumnStatistics"/>: means, deviations, categories, missing cells) and the classes or
/// the target's range, and fits the same <see cref="FeaturePipeline"/> as the in-memory trainer would on those rows.
/// Test and validation rows are chosen by a seeded hash of each row's number (about the fractions asked for; see
/// docs/data.md). Each epoch streams the file again through a shuffle buffer into mini-batches
/// (<see cref="Sequential{T}.Fit(IBatchSource{T}, TrainingOptions, IBatchSource{T}?)"/>); validation and test metrics are
/// computed by streaming too.</para>
/// <para>Not available when streaming: dropping invalid rows, checkpoints and resuming. Train metrics are the running
/// means of the last epoch (in <see cref="StreamingTrainingResult.History"/>), not a further pass.</para>
/// </remarks>
/// <example><code>
/// var result = StreamingTrainer.Train("big.csv", new CsvLoadOptions { TargetName = "label" },
///     TabularOptions.Default with { Epochs = 2, TestSplit = 0.1 });
/// result.Model.Save("big-model.json");
/// </code></example>
public static class StreamingTrainer
{
    /// <summary>Trains on a CSV file (gzip-compressed or not) by streaming it.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="csv">Dialect, target, task and columns, as for <see cref="CsvLoader.Load(string, CsvLoadOptions?)"/>; null for the defaults.</param>
    /// <param name="options">Architecture and training settings; <see cref="TabularOptions.TestSplit"/> and <see cref="TabularOptions.ValidationSplit"/> hold rows out by hash.</param>
    /// <param name="streaming">The shuffle buffer and schema rows; null for <see cref="StreamingOptions.Default"/>.</param>
    /// <returns>The model (training facts record the rows, options and test metrics), the history and the rows of each part.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is malformed: the message names the line and the column.</exception>
    /// <exception cref="ArgumentException">Bad or unsupported options (dropping invalid rows, checkpoints), or data the network cannot learn from.</exception>
    public static StreamingTrainingResult Train(string path, CsvLoadOptions? csv, TabularOptions options, StreamingOptions? streaming = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        csv ??= CsvLoadOptions.Default;
        streaming ??= StreamingOptions.Default;
        csv.Validate();
        streaming.Validate();
        CheckSupported(csv, options);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist.", path);
        }

        var (plan, first, head) = Prepare(path, csv, options, streaming);
        bool classify = plan.Task == TaskKind.Classification;
        TaskKind task = plan.Task;
        FeaturePipeline pipeline = plan.Pipeline;
        StandardScaler? targetScaler = plan.TargetScaler;
        double[]? classWeights = options.ClassWeights is { } weights
            ? classify ? weights.Resolve(first.ClassNames!, first.ClassCounts, path, head.TargetName)
                : throw new ArgumentException($"Class weights apply to classification, but {path}'s target '{head.TargetName}' is a regression target.", nameof(options))
            : null;
        Sequential<float> network = TabularTrainer.BuildNetwork(classify ? first.ClassNames!.Count : 0, classWeights, options, pipeline.OutputWidth);

        // 3. Epochs, each a pass through the shuffle buffer; validation and test by streaming their rows.
        var training = new CsvBatchSource(plan, RowRole.Train, options.BatchSize, streaming.ShuffleBuffer, first.Train);
        CsvBatchSource? validation = first.Validation > 0 ? new CsvBatchSource(plan, RowRole.Validation, EvaluationBatch, 0, first.Validation) : null;
        var callbacks = new List<Callback>(options.Callbacks);
        if (options.EarlyStoppingPatience is int patience)
        {
            callbacks.Add(new EarlyStopping(patience));
        }

        var clock = Stopwatch.StartNew();
        History history = network.Fit(training, new TrainingOptions
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            Callbacks = callbacks,
            CancellationToken = options.CancellationToken,
            ClipNorm = options.ClipNorm,
            ClipValue = options.ClipValue,
        }, validation);
        clock.Stop();

        IReadOnlyDictionary<string, double>? validationMetrics = validation is null || history.Diverged ? null : network.Evaluate(validation.Batches(0));
        IReadOnlyDictionary<string, double>? testMetrics = first.Test == 0 || history.Diverged ? null
            : network.Evaluate(new CsvBatchSource(plan, RowRole.Test, EvaluationBatch, 0, first.Test).Batches(0));
        var metrics = new Dictionary<string, IReadOnlyDictionary<string, double>>();
        if (validationMetrics is not null)
        {
            metrics["validation"] = validationMetrics;
        }

        if (testMetrics is not null)
        {
            metrics["test"] = testMetrics;
        }

        var document = new ModelDocument
        {
            Network = network,
            Task = task,
            FeatureNames = [.. pipeline.Columns.Select(c => c.Name)],
            TargetName = head.TargetName,
            ClassNames = first.ClassNames ?? [],
            Imputer = pipeline.Imputer,
            Encoder = pipeline.Encoder,
            Scaler = pipeline.Scaler,
            TargetScaler = targetScaler,
            Training = new TrainingFacts
            {
                Data = path,
                Rows = Clamp(first.Train),
                ValidationRows = Clamp(first.Validation),
                TestRows = Clamp(first.Test),
                BatchSize = options.BatchSize,
                Options = Describe(options, streaming),
                Tool = $"Perceptron {typeof(StreamingTrainer).Assembly.GetName().Version}",
                Epochs = history.Epochs,
                Seconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
                FinalLoss = history.Epochs > 0 ? history["loss"][^1] : null,
                Outcome = history.Outcome,
                StopReason = history.StopReason,
                CreatedUtc = DateTimeOffset.UtcNow,
                Metrics = metrics,
                Notes = new Dictionary<string, string> { ["streamed"] = "trained by streaming the file; rows held out by a seeded hash of the row number" },
            },
        };

        return new StreamingTrainingResult(TabularModel.FromDocument(document), history)
        {
            TrainRows = first.Train,
            ValidationRows = first.Validation,
            TestRows = first.Test,
            RowsWithoutTarget = first.WithoutTarget,
            MissingCells = first.MissingCells,
            Notes = first.Notes,
            DroppedColumns = head.DroppedColumns,
            ValidationMetrics = validationMetrics,
            TestMetrics = testMetrics,
            PeakBufferedRows = training.PeakBuffered,
        };
    }

    /// <summary>Steps 1 and 2: the schema from the first rows, then the statistics pass and the fitted preprocessing.</summary>
    internal static (StreamingPlan Plan, FirstPassResult First, TabularDataset Head) Prepare(string path, CsvLoadOptions csv, TabularOptions options, StreamingOptions streaming)
    {
        // 1. The layout, the columns' kinds and the task, from the first rows (as the in-memory loader decides them).
        TabularDataset head = CsvLoader.LoadHead(path, csv, streaming.SchemaRows);
        bool classify = head.Task == TaskKind.Classification;
        double validationFraction = options.ValidationSplit > 0 ? options.ValidationSplit
            : options.EarlyStoppingPatience is not null ? TabularOptions.EarlyStoppingValidationSplit : 0;

        // 2. One pass for the statistics of the training rows, the categories and the classes.
        var first = FirstPass(path, csv, head, options.Seed, options.TestSplit, validationFraction, streaming.SchemaRows);
        if (first.Train == 0)
        {
            throw new ArgumentException($"{path} has no training rows left after holding out the test and validation rows.", nameof(path));
        }

        if (classify && first.ClassNames!.Count < 2)
        {
            throw new ArgumentException($"{path} has {first.ClassNames.Count} class in its target '{head.TargetName}'; classification needs at least 2.", nameof(path));
        }

        FeaturePipeline pipeline = FeaturePipeline.Fit(first.Columns, first.Statistics, options.Preprocessing);
        StandardScaler? targetScaler = classify ? null
            : new StandardScaler([(float)first.Target.Mean], [first.Target.Minimum == first.Target.Maximum ? 1f : (float)Math.Sqrt(first.Target.Variance)]);
        var plan = new StreamingPlan
        {
            Path = path,
            Csv = csv,
            DeclaredCategorical = first.DeclaredCategorical,
            TargetName = head.TargetName!,
            Task = head.Task,
            ClassNames = first.ClassNames,
            Pipeline = pipeline,
            TargetScaler = targetScaler,
            Seed = options.Seed,
            TestFraction = options.TestSplit,
            ValidationFraction = validationFraction,
            SchemaRows = streaming.SchemaRows,
        };
        return (plan, first, head);
    }

    /// <summary>Rows per batch when evaluating (the network's scratch is sized for it).</summary>
    private const int EvaluationBatch = 1024;

    /// <summary>What the statistics pass found.</summary>
    internal sealed record FirstPassResult(
        IReadOnlyList<FeatureColumn> Columns, ColumnStatistics[] Statistics, ColumnStatistics Target, IReadOnlyList<string>? ClassNames, long[] ClassCounts,
        IReadOnlySet<string> DeclaredCategorical, long Train, long Validation, long Test, long WithoutTarget, long MissingCells, IReadOnlyList<string> Notes);

    /// <summary>Reads the whole file once: statistics of the training rows; categories and classes of every row.</summary>
    internal static FirstPassResult FirstPass(string path, CsvLoadOptions csv, TabularDataset head, int seed, double testFraction, double validationFraction, int schemaRows)
    {
        using var stream = new CsvRowStream(path, csv);
        string[] names = stream.Layout.Names;
        HashSet<string> declared = [.. csv.Categorical.Select(reference => Array.IndexOf(names, reference) >= 0 ? reference
            : int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < names.Length ? names[index] : reference)];
        FeatureColumn[] start = [.. head.Columns.Select(c => c.Kind == ColumnKind.Categorical ? FeatureColumn.Categorical(c.Name, []) : c)];
        var parser = new StreamingRowParser(stream, start, declared, head.TargetName!, head.Task, classNames: null, schemaRows) { Growing = true };
        ColumnStatistics[] statistics = [.. start.Select(c => new ColumnStatistics(c.Kind))];
        var target = new ColumnStatistics(ColumnKind.Numeric);
        var classCounts = new List<long>();
        float[] raw = new float[start.Length];
        long row = -1, train = 0, validation = 0, test = 0, withoutTarget = 0, missing = 0;
        for (ICsvRecord? record = stream.Next(); record is not null; record = stream.Next())
        {
            if (!parser.Parse(record, raw, out float value))
            {
                withoutTarget++;
                continue;
            }

            switch (HashedSplit.Of(++row, seed, testFraction, validationFraction))
            {
                case RowRole.Test:
                    test++;
                    continue;
                case RowRole.Validation:
                    validation++;
                    continue;
            }

            train++;
            for (int c = 0; c < raw.Length; c++)
            {
                statistics[c].Add(raw[c]);
                missing += float.IsNaN(raw[c]) ? 1 : 0;
            }

            if (head.Task == TaskKind.Regression)
            {
                target.Add(value);
            }
            else
            {
                while (classCounts.Count <= (int)value)
                {
                    classCounts.Add(0);
                }

                classCounts[(int)value]++;
            }
        }

        // Classes in the loader's order; the counts follow them.
        string[]? classNames = null;
        long[] counts = [];
        if (head.Task == TaskKind.Classification)
        {
            (classNames, int[] remap) = parser.SortedClasses();
            counts = new long[classNames.Length];
            for (int seen = 0; seen < classCounts.Count; seen++)
            {
                counts[remap[seen]] = classCounts[seen];
            }
        }

        FeatureColumn[] columns = [.. start.Select((c, j) => c.Kind == ColumnKind.Categorical ? FeatureColumn.Categorical(c.Name, parser.CategoriesOf(j)) : c)];
        var notes = new List<string>(stream.Layout.Notes);
        notes.AddRange(head.Notes.Where(note => note.StartsWith("left out", StringComparison.Ordinal) && note.Contains("cannot be a feature", StringComparison.Ordinal)));
        if (parser.ShortRows > 0)
        {
            notes.Add($"{MessageText.Count(parser.ShortRows)} row{(parser.ShortRows == 1 ? "" : "s")} had fewer fields than the header; their missing trailing fields were read as empty cells");
        }

        if (withoutTarget > 0)
        {
            notes.Add($"left out {MessageText.Count(withoutTarget)} row{(withoutTarget == 1 ? "" : "s")} whose target '{head.TargetName}' is empty or marked missing");
        }

        return new FirstPassResult(columns, statistics, target, classNames, counts, declared, train, validation, test, withoutTarget, missing, notes);
    }

    private static void CheckSupported(CsvLoadOptions csv, TabularOptions options)
    {
        if (csv.DropInvalidRows)
        {
            throw new ArgumentException("Invalid rows cannot be dropped when streaming (--drop-invalid-rows); fix the file, or train in memory.", nameof(csv));
        }

        if (options.ResumeFrom is not null || options.CheckpointDirectory is not null)
        {
            throw new ArgumentException("Checkpoints and resuming are not available when streaming (--checkpoint-dir, --resume).", nameof(options));
        }

        if (!(options.TestSplit is >= 0 and < 1) || !(options.ValidationSplit is >= 0 and < 1))
        {
            throw new ArgumentException($"The test split ({options.TestSplit}) and validation split ({options.ValidationSplit}) must be in [0, 1).", nameof(options));
        }

        if (options.BatchSize < 1)
        {
            throw new ArgumentException($"The batch size is {options.BatchSize}; it must be ≥ 1.", nameof(options));
        }
    }

    /// <summary>The run's options as a model file records them, with the streaming settings.</summary>
    private static IReadOnlyDictionary<string, JsonElement> Describe(TabularOptions options, StreamingOptions streaming)
    {
        var described = new Dictionary<string, JsonElement>(options.Describe())
        {
            ["stream"] = Json("true"),
            ["shuffle_buffer"] = Json(streaming.ShuffleBuffer.ToString(CultureInfo.InvariantCulture)),
        };
        return described;
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static int Clamp(long rows) => (int)Math.Min(rows, int.MaxValue);
}
