using System.Diagnostics;
using Perceptron.Data;

namespace Perceptron.Tabular;

/// <summary>Random or grid search over layers, learning rate, dropout, L2 and batch size, each trial scored by
/// cross-validation or a validation split, then the best settings trained into a model.</summary>
/// <remarks>
/// <para>First, <see cref="TabularOptions.TestSplit"/> of the rows are held out (by <see cref="DataSplit.HoldOut"/>) and never
/// seen by the search. Each trial then trains on the remaining rows with one combination from the <see cref="SearchSpace"/>
/// and is scored by k-fold cross-validation (<see cref="CrossValidation"/>, the same folds for every trial) or on one
/// held-out validation part. Finally the best combination is trained on all the tuning rows and tested on the held-out
/// rows: that test score is the honest estimate, as the trials' scores were used to choose.</para>
/// <para>Everything is seeded by <see cref="TabularOptions.Seed"/>: the test split, the sample of combinations, the folds and
/// every model's initialisation, so the same call gives the same trials, scores and model.</para>
/// </remarks>
/// <example><code>
/// TuningResult result = HyperparameterSearch.Run(BuiltInDatasets.Load("iris"), new TabularOptions { Epochs = 50, TestSplit = 0.2 },
///     new SearchSpace { Layers = [[16], [32, 16]] }, new TuningOptions { Trials = 10 });
/// result.Final!.Model.Save("best.json");
/// </code></example>
public static class HyperparameterSearch
{
    /// <summary>Runs the search.</summary>
    /// <param name="data">All the rows (the test rows are held out here, by <see cref="TabularOptions.TestSplit"/>).</param>
    /// <param name="baseOptions">The settings that are not tuned, and the seed and test split.</param>
    /// <param name="space">The values to try.</param>
    /// <param name="tuning">Strategy, budget, scoring and metric.</param>
    /// <param name="progress">Receives each trial as it finishes, or null.</param>
    /// <param name="trainBest">Train the best settings into <see cref="TuningResult.Final"/> (the default).</param>
    /// <returns>Every trial, the best, and the model trained with the best settings.</returns>
    /// <exception cref="ArgumentException">An empty or out-of-range search space, a grid larger than the budget, an unknown
    /// metric, a bad fold count, split or budget, or fewer rows left after the test split than folds.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TabularOptions.CancellationToken"/> was cancelled.</exception>
    public static TuningResult Run(TabularDataset data, TabularOptions baseOptions, SearchSpace space, TuningOptions tuning,
        IProgress<TuningTrial>? progress = null, bool trainBest = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(baseOptions);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(tuning);
        space.Validate();
        string metric = tuning.Metric ?? (data.Task == TaskKind.Classification ? "accuracy" : "r2");
        if (!TabularEvaluation.MetricNames(data.Task).Contains(metric))
        {
            throw new ArgumentException($"The metric '{metric}' is not one of the {data.Task.ToString().ToLowerInvariant()} metrics: {string.Join(", ", TabularEvaluation.MetricNames(data.Task))}.", nameof(tuning));
        }

        if (metric == "roc_auc" && data.ClassCount != 2)
        {
            throw new ArgumentException($"The metric 'roc_auc' is for two classes; {data.Source} has {data.ClassCount}.", nameof(tuning));
        }

        bool higherIsBetter = TabularEvaluation.HigherIsBetter(metric);
        long[] combinations = Choose(space, tuning, baseOptions.Seed);

        // The test rows stay out of every trial; the final model holds out the same rows (same seed, same rule).
        TabularDataset tuningRows = baseOptions.TestSplit > 0 ? DataSplit.HoldOut(data, baseOptions.TestSplit, baseOptions.Seed).Train : data;
        if (tuning.ValidationSplit == 0 && tuning.Folds >= 2 && tuningRows.Rows < tuning.Folds)
        {
            string left = tuningRows.Rows < data.Rows
                ? $": the test split leaves {Data.MessageText.Count(tuningRows.Rows)} of its {Data.MessageText.Count(data.Rows)} rows to tune on"
                : $" has {Data.MessageText.Count(data.Rows)} rows";
            throw new ArgumentException($"{data.Source}{left}; {tuning.Folds}-fold cross-validation needs at least {tuning.Folds}. Use fewer folds, a smaller test split or more data.", nameof(data));
        }

        var trials = new List<TuningTrial>();
        TuningTrial? best = null;
        foreach (long combination in combinations)
        {
            baseOptions.CancellationToken.ThrowIfCancellationRequested();
            TabularOptions options = space.Apply(baseOptions, combination) with { TestSplit = 0 };
            var clock = Stopwatch.StartNew();
            var (metrics, deviation) = Score(tuningRows, options, tuning, metric);
            var trial = new TuningTrial(trials.Count + 1, options, metrics, metrics.GetValueOrDefault(metric, double.NaN), deviation, clock.Elapsed.TotalSeconds);
            trials.Add(trial);
            if (best is null || IsBetter(trial.Score, best.Score, higherIsBetter))
            {
                best = trial;
            }

            progress?.Report(trial);
        }

        TabularTrainingResult? final = trainBest ? TabularTrainer.Train(data, best!.Options with { TestSplit = baseOptions.TestSplit }) : null;
        return new TuningResult(trials, best!, metric, higherIsBetter, space.Combinations, final);
    }

    /// <summary>The combinations to try: a seeded sample without repeats (random), or all in order (grid).</summary>
    private static long[] Choose(SearchSpace space, TuningOptions tuning, int seed)
    {
        if (tuning.Trials < 1)
        {
            throw new ArgumentException($"The trial budget is {tuning.Trials}; it must be at least 1.", nameof(tuning));
        }

        long count = space.Combinations;
        if (tuning.Strategy == SearchStrategy.Grid)
        {
            return count <= tuning.Trials
                ? [.. Enumerable.Range(0, (int)count).Select(i => (long)i)]
                : throw new ArgumentException($"The grid has {count} combinations, more than the budget of {tuning.Trials} trials; give fewer values to search, a larger budget, or use random search.", nameof(tuning));
        }

        // Floyd's algorithm: a uniform sample of distinct indices without listing the whole space.
        var random = new Random(seed);
        var chosen = new List<long>();
        var seen = new HashSet<long>();
        for (long j = count - Math.Min(count, tuning.Trials); j < count; j++)
        {
            long pick = random.NextInt64(j + 1);
            long next = seen.Contains(pick) ? j : pick;
            seen.Add(next);
            chosen.Add(next);
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chosen));
        return [.. chosen];
    }

    /// <summary>A trial's metrics: the mean over the folds and the deciding metric's deviation, or the validation part's values.</summary>
    private static (IReadOnlyDictionary<string, double> Metrics, double Deviation) Score(TabularDataset rows, TabularOptions options, TuningOptions tuning, string metric)
    {
        if (tuning.ValidationSplit > 0)
        {
            if (tuning.ValidationSplit >= 1)
            {
                throw new ArgumentException($"The tuning validation split is {tuning.ValidationSplit}; it must be in (0, 1).", nameof(tuning));
            }

            // The trainer's own hold-out rule splits off the validation part; its "test" metrics are the trial's score.
            TabularTrainingResult trained = TabularTrainer.Train(rows, options with { TestSplit = tuning.ValidationSplit });
            return (trained.TestEvaluation?.ToDictionary() ?? NaNs(rows.Task), 0);
        }

        CrossValidationResult cv = CrossValidation.Run(rows, options, tuning.Folds);
        return (cv.Mean, cv.StandardDeviation.GetValueOrDefault(metric, double.NaN));
    }

    private static Dictionary<string, double> NaNs(TaskKind task) => TabularEvaluation.MetricNames(task).ToDictionary(name => name, _ => double.NaN);

    /// <summary>Whether <paramref name="score"/> beats <paramref name="best"/>; NaN (a diverged trial) never does.</summary>
    private static bool IsBetter(double score, double best, bool higherIsBetter) =>
        !double.IsNaN(score) && (double.IsNaN(best) || (higherIsBetter ? score > best : score < best));
}
