using Perceptron.Data;

namespace Perceptron.Tabular;

/// <summary>k-fold cross-validation of <see cref="TabularTrainer.Train"/>: k models, each tested on the rows it did not see.</summary>
/// <remarks>
/// The rows are split by <see cref="KFold"/> (stratified for classification), seeded by <see cref="TabularOptions.Seed"/>.
/// Each fold trains a fresh model on the other k − 1 folds with the same options (scaling fitted on those rows only; any
/// <see cref="TabularOptions.TestSplit"/> is ignored, every row is tested once) and evaluates it on its own fold.
/// </remarks>
/// <example><code>
/// CrossValidationResult cv = CrossValidation.Run(BuiltInDatasets.Load("iris"), new TabularOptions { Epochs = 50 }, folds: 5);
/// Console.WriteLine($"accuracy {cv.Mean["accuracy"]:0.000} ± {cv.StandardDeviation["accuracy"]:0.000}");
/// </code></example>
public static class CrossValidation
{
    /// <summary>Runs k-fold cross-validation.</summary>
    /// <param name="data">The rows, at least <paramref name="folds"/> of them.</param>
    /// <param name="options">The training settings every fold uses.</param>
    /// <param name="folds">k, at least 2.</param>
    /// <param name="progress">Receives each fold as it finishes, or null.</param>
    /// <returns>Each fold's metrics and their mean and standard deviation.</returns>
    /// <exception cref="ArgumentException">Fewer than 2 folds, fewer rows than folds, or bad options.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TabularOptions.CancellationToken"/> was cancelled.</exception>
    public static CrossValidationResult Run(TabularDataset data, TabularOptions options, int folds, IProgress<CrossValidationFold>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (folds >= 2 && data.Rows < folds)
        {
            throw new ArgumentException($"{data.Source} has {Data.MessageText.Count(data.Rows)} rows to cross-validate; {folds} folds need at least {folds}.", nameof(data));
        }

        bool stratified = data.Task == TaskKind.Classification;
        IReadOnlyList<SplitIndices> splits = stratified ? KFold.Stratified(data.Labels!, folds, options.Seed) : KFold.Split(data.Rows, folds, options.Seed);
        var results = new List<CrossValidationFold>();
        for (int fold = 0; fold < splits.Count; fold++)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            TabularDataset train = data.SelectRows(splits[fold].Train), test = data.SelectRows(splits[fold].Test);
            TabularTrainingResult trained = TabularTrainer.Train(train, options with { TestSplit = 0 });
            var result = new CrossValidationFold(fold + 1, trained.TrainRows.Rows, test.Rows, trained.Model.Evaluate(test), trained.History.Epochs, trained.History.Outcome);
            results.Add(result);
            progress?.Report(result);
        }

        return new CrossValidationResult(results, stratified);
    }
}
