using Perceptron.Data;
using Perceptron.Tabular;

namespace Perceptron.Tests.Tabular;

public class CrossValidationTests
{
    private static readonly TabularOptions Tiny = new() { Layers = [4], Epochs = 3, Seed = 5 };

    [Fact]
    public void Run_Classification_TestsEveryRowOnce_AndSummarisesTheFolds()
    {
        TabularDataset iris = BuiltInDatasets.Load("iris");
        var reported = new List<int>();

        CrossValidationResult cv = CrossValidation.Run(iris, Tiny, folds: 3, new Recorder<CrossValidationFold>(fold => reported.Add(fold.Fold)));

        Assert.True(cv.Stratified);
        Assert.Equal([1, 2, 3], reported);
        Assert.Equal(150, cv.Folds.Sum(f => f.TestRows));
        Assert.All(cv.Folds, f => Assert.Equal(100, f.TrainRows));
        double[] accuracies = [.. cv.Folds.Select(f => f.Evaluation.Accuracy!.Value)];
        Assert.Equal(accuracies.Average(), cv.Mean["accuracy"], 1e-12);
        Assert.Equal(Math.Sqrt(accuracies.Select(a => (a - accuracies.Average()) * (a - accuracies.Average())).Average()), cv.StandardDeviation["accuracy"], 1e-12);
        Assert.Contains("f1_macro", cv.Mean.Keys);
    }

    [Fact]
    public void Run_IsReproducible_AndEachFoldMatchesTrainingOnItsRows()
    {
        TabularDataset iris = BuiltInDatasets.Load("iris");
        CrossValidationResult first = CrossValidation.Run(iris, Tiny, folds: 3), second = CrossValidation.Run(iris, Tiny, folds: 3);
        Assert.Equal(first.Mean, second.Mean);

        // Fold 2 by hand: the same stratified folds, the same options.
        SplitIndices fold = KFold.Stratified(iris.Labels!, 3, Tiny.Seed)[1];
        var model = TabularTrainer.Train(iris.SelectRows(fold.Train), Tiny).Model;
        Assert.Equal(model.Evaluate(iris.SelectRows(fold.Test)).ToDictionary(), first.Folds[1].Evaluation.ToDictionary());
    }

    [Fact]
    public void Run_Regression_UsesPlainFolds_AndReportsRmse()
    {
        TabularDataset sum = BuiltInDatasets.Load("sum", seed: 2).SelectRows([.. Enumerable.Range(0, 120)]);
        CrossValidationResult cv = CrossValidation.Run(sum, Tiny, folds: 4);

        Assert.False(cv.Stratified);
        Assert.Equal(120, cv.Folds.Sum(f => f.TestRows));
        Assert.Equal(cv.Folds.Select(f => f.Evaluation.Rmse!.Value).Average(), cv.Mean["rmse"], 1e-12);
    }

    [Fact]
    public void Run_FewerRowsThanFolds_NamesTheData()
    {
        TabularDataset three = BuiltInDatasets.Load("iris").SelectRows([0, 50, 100]);

        var error = Assert.Throws<ArgumentException>(() => CrossValidation.Run(three, Tiny, folds: 5));

        Assert.StartsWith($"{three.Source} has 3 rows to cross-validate; 5 folds need at least 5.", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread.</summary>
internal sealed class Recorder<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
