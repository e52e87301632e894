using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>Seeded train/test splits, optionally stratified so that each class keeps its proportion.</summary>
/// <remarks>
/// The test part gets round(rows × testFraction) rows, at least 1 and at most rows − 1. The same seed and input
/// always give the same split. Stratified: each class gives floor(its share) rows to the test part, and the
/// remaining rows go to the classes with the largest fractional shares, so the total is exact.
/// Fit scalers on the training part only.
/// </remarks>
/// <example><code>
/// DatasetSplit split = DataSplit.TrainTestSplit(BuiltInDatasets.Load("iris"), testFraction: 0.2, seed: 1, stratify: true);
/// </code></example>
public static class DataSplit
{
    /// <summary>Splits a dataset into training and test parts.</summary>
    /// <param name="dataset">The dataset, with at least 2 rows.</param>
    /// <param name="testFraction">Share of rows held out, strictly between 0 and 1.</param>
    /// <param name="seed">Seed for the shuffle.</param>
    /// <param name="stratify">Keep each class's proportion in both parts (classification only).</param>
    /// <returns>The two parts and the indices.</returns>
    /// <exception cref="ArgumentException">Too few rows, a bad fraction, or stratify on a regression dataset.</exception>
    public static DatasetSplit TrainTestSplit(TabularDataset dataset, double testFraction, int seed = 42, bool stratify = false)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Rows < 2)
        {
            throw new ArgumentException($"'{dataset.Source}' has {(dataset.Rows == 0 ? "no rows" : "1 row")}; holding rows out for testing or validation needs at least 2.", nameof(dataset));
        }

        if (stratify && dataset.Task != TaskKind.Classification)
        {
            throw new ArgumentException($"stratify needs class labels but '{dataset.Source}' is a regression dataset; split it without stratify.", nameof(stratify));
        }

        SplitIndices indices = stratify
            ? StratifiedIndices(dataset.Labels!, testFraction, seed)
            : TrainTestIndices(dataset.Rows, testFraction, seed);
        return new DatasetSplit(dataset.SelectRows(indices.Train), dataset.SelectRows(indices.Test), indices);
    }

    /// <summary>Splits feature and target matrices row by row, the same rows going to the same part.</summary>
    /// <param name="features">The features, rows × features, at least 2 rows.</param>
    /// <param name="targets">The targets with the same number of rows (for example one-hot labels).</param>
    /// <param name="testFraction">Share of rows held out, strictly between 0 and 1.</param>
    /// <param name="seed">Seed for the shuffle.</param>
    /// <param name="stratifyBy">Class labels to stratify by, one per row; <see langword="null"/> for a plain random split.</param>
    /// <returns>The four parts and the indices.</returns>
    /// <exception cref="ArgumentException">Row counts differ, too few rows, a bad fraction, or a negative label.</exception>
    public static MatrixSplit TrainTestSplit(Matrix<float> features, Matrix<float> targets, double testFraction, int seed = 42, IReadOnlyList<int>? stratifyBy = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Rows != features.Rows || (stratifyBy is not null && stratifyBy.Count != features.Rows))
        {
            throw new ArgumentException($"features have {features.Rows} rows, targets {targets.Rows}{(stratifyBy is null ? "" : $" and stratifyBy {stratifyBy.Count}")}; all need one entry per row.", nameof(targets));
        }

        SplitIndices indices = stratifyBy is null
            ? TrainTestIndices(features.Rows, testFraction, seed)
            : StratifiedIndices(stratifyBy, testFraction, seed);
        return new MatrixSplit(features.SelectRows(indices.Train), features.SelectRows(indices.Test),
            targets.SelectRows(indices.Train), targets.SelectRows(indices.Test), indices);
    }

    /// <summary>A random split of row indices.</summary>
    /// <param name="rows">Number of rows, ≥ 2.</param>
    /// <param name="testFraction">Share of rows held out, strictly between 0 and 1.</param>
    /// <param name="seed">Seed for the shuffle.</param>
    /// <returns>Ascending train and test indices.</returns>
    /// <exception cref="ArgumentException">Fewer than 2 rows, or a fraction outside (0, 1).</exception>
    public static SplitIndices TrainTestIndices(int rows, double testFraction, int seed = 42)
    {
        int testCount = TestCount(rows, testFraction);
        int[] order = [.. Enumerable.Range(0, rows)];
        new Random(seed).Shuffle(order);
        return Sorted(order[testCount..], order[..testCount]);
    }

    /// <summary>A random split of row indices that keeps each class's proportion in both parts.</summary>
    /// <param name="labels">The class index of each row (≥ 0), at least 2 rows.</param>
    /// <param name="testFraction">Share of rows held out, strictly between 0 and 1.</param>
    /// <param name="seed">Seed for the shuffles.</param>
    /// <returns>Ascending train and test indices.</returns>
    /// <exception cref="ArgumentException">Fewer than 2 rows, a fraction outside (0, 1), or a negative label.</exception>
    public static SplitIndices StratifiedIndices(IReadOnlyList<int> labels, double testFraction, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int testCount = TestCount(labels.Count, testFraction);
        int bad = labels.ToList().FindIndex(label => label < 0);
        if (bad >= 0)
        {
            throw new ArgumentException($"labels[{bad}] is {labels[bad]}; class labels must be ≥ 0.", nameof(labels));
        }

        // Rows of each class, in row order; classes in label order.
        int[][] byClass = [.. Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray())];
        int[] quotas = Quotas(byClass, testCount, labels.Count);

        var random = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        for (int c = 0; c < byClass.Length; c++)
        {
            random.Shuffle(byClass[c]);
            test.AddRange(byClass[c][..quotas[c]]);
            train.AddRange(byClass[c][quotas[c]..]);
        }

        return Sorted([.. train], [.. test]);
    }

    /// <summary>Test rows per class: floor of each exact share, plus one for the largest remainders (ties: lower class).</summary>
    private static int[] Quotas(int[][] byClass, int testCount, int rows)
    {
        double[] exact = [.. byClass.Select(members => (double)members.Length * testCount / rows)];
        int[] quotas = [.. exact.Select(e => (int)Math.Floor(e))];
        int remaining = testCount - quotas.Sum();
        foreach (int c in Enumerable.Range(0, exact.Length).OrderByDescending(c => exact[c] - quotas[c]).ThenBy(c => c).Take(remaining))
        {
            quotas[c]++;
        }

        return quotas;
    }

    private static int TestCount(int rows, double testFraction)
    {
        if (rows < 2)
        {
            throw new ArgumentException($"A split needs at least 2 rows; got {rows}.", nameof(rows));
        }

        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "testFraction must be strictly between 0 and 1, e.g. 0.2 to hold out 20% of the rows.");
        }

        return (int)Math.Clamp(Math.Round(rows * testFraction, MidpointRounding.AwayFromZero), 1, rows - 1);
    }

    private static SplitIndices Sorted(int[] train, int[] test)
    {
        Array.Sort(train);
        Array.Sort(test);
        return new SplitIndices(train, test);
    }

    /// <summary>
    /// The one rule for holding rows out of training (the command line's test split, the trainer's validation split):
    /// a seeded random split, stratified by class whenever every class can appear on both sides.
    /// </summary>
    /// <param name="dataset">The data set, with at least 2 rows.</param>
    /// <param name="fraction">Share of rows held out, strictly between 0 and 1.</param>
    /// <param name="seed">Seed for the shuffle.</param>
    /// <returns>The rows kept (<see cref="DatasetSplit.Train"/>) and the rows held out (<see cref="DatasetSplit.Test"/>).</returns>
    /// <exception cref="ArgumentException">Too few rows, or a fraction outside (0, 1).</exception>
    public static DatasetSplit HoldOut(TabularDataset dataset, double fraction, int seed) =>
        TrainTestSplit(dataset, fraction, seed, stratify: CanStratify(dataset, fraction));

    /// <summary>Whether a stratified split is possible: a classification data set whose every class has enough rows to
    /// appear on both sides of a <paramref name="testFraction"/> split.</summary>
    /// <param name="dataset">The data set.</param>
    /// <param name="testFraction">The fraction of rows that would be held out, in (0, 1).</param>
    /// <returns>True when <see cref="TrainTestSplit(TabularDataset, double, int, bool)"/> can stratify.</returns>
    public static bool CanStratify(TabularDataset dataset, double testFraction)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.Task == TaskKind.Classification
            && dataset.Labels!.GroupBy(label => label).All(g => g.Count() * Math.Min(testFraction, 1 - testFraction) >= 1);
    }
}
