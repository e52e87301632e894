using Perceptron.Data;
using Perceptron.Tabular;

namespace Perceptron.Tests.Tabular;

public class HyperparameterSearchTests
{
    private static readonly TabularOptions Tiny = new() { Epochs = 2, Seed = 4, TestSplit = 0.2 };

    private static readonly SearchSpace Small = new() { Layers = [[4], [6]], LearningRates = [1e-3, 1e-2], Dropouts = [0], L2s = [0, 1e-3], BatchSizes = [16] };

    [Fact]
    public void Random_RunsDistinctCombinations_Reproducibly_AndKeepsTheBest()
    {
        TabularDataset iris = BuiltInDatasets.Load("iris");
        var tuning = new TuningOptions { Trials = 5, Folds = 2 };

        TuningResult first = HyperparameterSearch.Run(iris, Tiny, Small, tuning, trainBest: false);
        TuningResult second = HyperparameterSearch.Run(iris, Tiny, Small, tuning, trainBest: false);

        Assert.Equal(5, first.Trials.Count);
        Assert.Equal(8, first.Combinations);
        var settings = first.Trials.Select(t => (string.Join(",", t.Options.Layers), t.Options.LearningRate, t.Options.L2)).ToList();
        Assert.Equal(settings.Count, settings.Distinct().Count());
        Assert.Equal(settings, second.Trials.Select(t => (string.Join(",", t.Options.Layers), t.Options.LearningRate, t.Options.L2)));
        Assert.Equal(first.Trials.Select(t => t.Score), second.Trials.Select(t => t.Score));
        Assert.Equal(first.Trials.Max(t => t.Score), first.Best.Score);
        Assert.Equal(first.Trials.First(t => t.Score == first.Best.Score).Number, first.Best.Number);
        Assert.Null(first.Final);
    }

    [Fact]
    public void Grid_RunsEveryCombination_AndTrainsTheBestTestedOnRowsTheSearchNeverSaw()
    {
        TabularDataset iris = BuiltInDatasets.Load("iris");
        var reported = new List<int>();

        TuningResult result = HyperparameterSearch.Run(iris, Tiny, Small, new TuningOptions { Strategy = SearchStrategy.Grid, Trials = 8, ValidationSplit = 0.25, Metric = "log_loss" },
            new Recorder<TuningTrial>(trial => reported.Add(trial.Number)));

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], reported);
        Assert.False(result.HigherIsBetter);
        Assert.Equal(result.Trials.Min(t => t.Score), result.Best.Score);
        Assert.Equal(8, result.Trials.Select(t => (t.Options.Layers[0], t.Options.LearningRate, t.Options.L2)).Distinct().Count());

        // The final model holds out the same 30 test rows the search left out, and was trained with the best settings.
        TabularTrainingResult final = result.Final!;
        DatasetSplit heldOut = DataSplit.HoldOut(iris, 0.2, Tiny.Seed);
        Assert.Equal(heldOut.Test.Features.Data, final.TestRows!.Features.Data);
        Assert.Equal(result.Best.Options.Layers, final.Model.Network.Layers.OfType<Perceptron.Layers.Dense<float>>().SkipLast(1).Select(d => d.Units));
        Assert.Equal(30, final.TestEvaluation!.Rows);
    }

    [Fact]
    public void Grid_LargerThanTheBudget_IsRejectedBeforeTraining()
    {
        var error = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Run(BuiltInDatasets.Load("iris"), Tiny, new SearchSpace(), new TuningOptions { Strategy = SearchStrategy.Grid, Trials = 10 }));
        Assert.Contains("432 combinations, more than the budget of 10", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("r2")]
    [InlineData("roc_auc")]
    [InlineData("speed")]
    public void UnsuitableMetric_IsRejected(string metric) =>
        Assert.Throws<ArgumentException>(() => HyperparameterSearch.Run(BuiltInDatasets.Load("iris"), Tiny, Small, new TuningOptions { Metric = metric }));

    /// <summary>The folds are counted against the rows left after the test split, and the message says so and names the data.</summary>
    [Fact]
    public void TooFewRowsLeftForTheFolds_IsRejectedNamingTheData()
    {
        TabularDataset six = BuiltInDatasets.Load("iris").SelectRows([0, 1, 50, 51, 100, 101]);

        var error = Assert.Throws<ArgumentException>(() => HyperparameterSearch.Run(six, Tiny with { TestSplit = 0.5 }, Small, new TuningOptions { Folds = 5, Trials = 1 }));

        Assert.StartsWith($"{six.Source}: the test split leaves 3 of its 6 rows to tune on; 5-fold cross-validation needs at least 5.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyListInTheSpace_IsRejectedNamingIt() =>
        Assert.Contains("no batch sizes", Assert.Throws<ArgumentException>(() => HyperparameterSearch.Run(BuiltInDatasets.Load("iris"), Tiny, Small with { BatchSizes = [] }, new TuningOptions())).Message, StringComparison.Ordinal);
}
