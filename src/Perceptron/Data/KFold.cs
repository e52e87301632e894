namespace Perceptron.Data;

/// <summary>Seeded k-fold splits for cross-validation: every row is tested exactly once, in one of k folds.</summary>
/// <remarks>
/// Plain: the rows are shuffled and dealt into k folds whose sizes differ by at most one. Stratified: each class's rows
/// are shuffled and dealt round-robin, continuing from where the previous class stopped, so every fold holds each class
/// in proportion (counts differ by at most one per class) and the fold sizes still differ by at most one (the idea of
/// scikit-learn's <c>StratifiedKFold(shuffle=True)</c>). The same seed and input always give the same folds.
/// </remarks>
/// <example><code>
/// foreach (SplitIndices fold in KFold.Stratified(data.Labels!, folds: 5, seed: 42))
/// {
///     TabularDataset train = data.SelectRows(fold.Train), test = data.SelectRows(fold.Test);
/// }
/// </code></example>
public static class KFold
{
    /// <summary>k random folds of <paramref name="rows"/> rows.</summary>
    /// <param name="rows">Number of rows, at least <paramref name="folds"/>.</param>
    /// <param name="folds">k, at least 2.</param>
    /// <param name="seed">Seed for the shuffle.</param>
    /// <returns>One split per fold: its rows as <see cref="SplitIndices.Test"/>, all others as <see cref="SplitIndices.Train"/>.</returns>
    /// <exception cref="ArgumentException">Fewer than 2 folds, or fewer rows than folds.</exception>
    public static IReadOnlyList<SplitIndices> Split(int rows, int folds, int seed = 42)
    {
        CheckFolds(rows, folds);
        int[] order = [.. Enumerable.Range(0, rows)];
        new Random(seed).Shuffle(order);
        int[] foldOf = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            foldOf[order[i]] = i % folds;
        }

        return Partition(foldOf, folds);
    }

    /// <summary>k folds that keep each class's proportion.</summary>
    /// <param name="labels">The class index of each row (≥ 0); at least <paramref name="folds"/> rows.</param>
    /// <param name="folds">k, at least 2.</param>
    /// <param name="seed">Seed for the shuffles.</param>
    /// <returns>One split per fold, as <see cref="Split"/>.</returns>
    /// <exception cref="ArgumentException">Fewer than 2 folds, fewer rows than folds, or a negative label.</exception>
    /// <remarks>A class with fewer rows than folds leaves some folds without it; the split is still valid.</remarks>
    public static IReadOnlyList<SplitIndices> Stratified(IReadOnlyList<int> labels, int folds, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(labels);
        CheckFolds(labels.Count, folds);
        int bad = labels.ToList().FindIndex(label => label < 0);
        if (bad >= 0)
        {
            throw new ArgumentException($"labels[{bad}] is {labels[bad]}; class labels must be ≥ 0.", nameof(labels));
        }

        var random = new Random(seed);
        int[] foldOf = new int[labels.Count];
        int next = 0;
        foreach (int[] members in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray()))
        {
            random.Shuffle(members);
            foreach (int row in members)
            {
                foldOf[row] = next;
                next = (next + 1) % folds;
            }
        }

        return Partition(foldOf, folds);
    }

    private static void CheckFolds(int rows, int folds)
    {
        if (folds < 2)
        {
            throw new ArgumentException($"Cross-validation needs at least 2 folds; got {folds}.", nameof(folds));
        }

        if (rows < folds)
        {
            throw new ArgumentException($"{folds} folds need at least {folds} rows; the data has {rows}.", nameof(rows));
        }
    }

    private static SplitIndices[] Partition(int[] foldOf, int folds)
    {
        var splits = new SplitIndices[folds];
        for (int fold = 0; fold < folds; fold++)
        {
            var train = new List<int>();
            var test = new List<int>();
            for (int row = 0; row < foldOf.Length; row++)
            {
                (foldOf[row] == fold ? test : train).Add(row);
            }

            splits[fold] = new SplitIndices([.. train], [.. test]);
        }

        return splits;
    }
}
