using Perceptron.Data;
using Perceptron.Tabular;
using Perceptron.Tensors;

namespace Perceptron.Tests.Tabular;

/// <summary>What the trainer records about a run: the test split, the options, the data's hash and each split's metrics.</summary>
public class TabularTrainerTests
{
    [Fact]
    public void Train_WithTestSplit_HoldsOutTheRowsAndRecordsTheRun()
    {
        TabularDataset iris = BuiltInDatasets.Load("iris");
        var options = new TabularOptions { Layers = [4], Epochs = 3, Seed = 6, TestSplit = 0.2, ValidationSplit = 0.25 };

        TabularTrainingResult result = TabularTrainer.Train(iris, options);

        DatasetSplit expected = DataSplit.HoldOut(iris, 0.2, 6);
        Assert.Equal(expected.Test.Features.Data, result.TestRows!.Features.Data);
        Assert.Equal(120, result.TrainRows.Rows + result.ValidationRows!.Rows);
        var facts = result.Model.Training!;
        Assert.Equal((90, 30, 30), (facts.Rows!.Value, facts.ValidationRows!.Value, facts.TestRows!.Value));
        Assert.Equal(iris.ContentHash(), facts.DataSha256);
        Assert.Equal(result.TestEvaluation!.ToDictionary(), facts.Metrics["test"]);
        Assert.Equal(result.TrainEvaluation!.ToDictionary(), facts.Metrics["train"]);
        Assert.Equal(result.ValidationEvaluation!.Accuracy, facts.Metrics["validation"]["accuracy"]);
        Assert.Equal(result.Model.Evaluate(expected.Test).ToDictionary(), result.TestEvaluation.ToDictionary());
        Assert.Equal(result.Model.Evaluate(result.TrainRows).ToDictionary(), result.TrainEvaluation.ToDictionary()); // evaluated from the rows prepared for Fit
        Assert.Equal(result.Model.Evaluate(result.ValidationRows).ToDictionary(), result.ValidationEvaluation.ToDictionary());
        Assert.Equal(3, facts.Options["epochs"].GetInt32());
        Assert.Equal(0.2, facts.Options["test_split"].GetDouble());
        Assert.Equal([4], facts.Options["layers"].EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void Train_Regression_RecordsTheMetricsThatEvaluateGives()
    {
        TabularDataset diabetes = BuiltInDatasets.Load("diabetes");

        TabularTrainingResult result = TabularTrainer.Train(diabetes, new TabularOptions { Layers = [8], Epochs = 2, Seed = 3, TestSplit = 0.2, ValidationSplit = 0.2 });

        Assert.Equal(result.Model.Evaluate(result.TrainRows).ToDictionary(), result.TrainEvaluation!.ToDictionary());
        Assert.Equal(result.Model.Evaluate(result.ValidationRows!).ToDictionary(), result.ValidationEvaluation!.ToDictionary());
        Assert.Equal(result.Model.Evaluate(result.TestRows!).ToDictionary(), result.TestEvaluation!.ToDictionary());
    }

    [Fact]
    public void Train_WithoutTestSplit_TrainsOnEveryRow()
    {
        TabularDataset iris = BuiltInDatasets.Load("iris");
        TabularTrainingResult result = TabularTrainer.Train(iris, new TabularOptions { Layers = [4], Epochs = 1 });

        Assert.Null(result.TestRows);
        Assert.Null(result.TestEvaluation);
        Assert.Equal(150, result.TrainRows.Rows);
        Assert.Equal(0, result.Model.Training!.TestRows);
        Assert.False(result.Model.Training.Metrics.ContainsKey("test"));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void Train_BadTestSplit_IsRejected(double split) =>
        Assert.Throws<ArgumentException>(() => TabularTrainer.Train(BuiltInDatasets.Load("iris"), new TabularOptions { TestSplit = split }));

    [Fact]
    public void ContentHash_DependsOnTheRowsAndNamesOnly()
    {
        var x = new Matrix<float>(3, 2, [1, 2, 3, 4, 5, 6]);
        string hash = TabularDataset.ForRegression("a.csv", x, ["p", "q"], "y", [1f, 2f, 3f]).ContentHash();

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, TabularDataset.ForRegression("elsewhere/b.csv", new Matrix<float>(3, 2, [1, 2, 3, 4, 5, 6]), ["p", "q"], "y", [1f, 2f, 3f]).ContentHash());
        Assert.NotEqual(hash, TabularDataset.ForRegression("a.csv", new Matrix<float>(3, 2, [1, 2, 3, 4, 5, 7]), ["p", "q"], "y", [1f, 2f, 3f]).ContentHash());
        Assert.NotEqual(hash, TabularDataset.ForRegression("a.csv", x, ["p", "r"], "y", [1f, 2f, 3f]).ContentHash());
        Assert.NotEqual(hash, TabularDataset.ForRegression("a.csv", x, ["p", "q"], "y", [1f, 2f, 4f]).ContentHash());
    }
}
