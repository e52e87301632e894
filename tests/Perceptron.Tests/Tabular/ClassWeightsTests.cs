using Perceptron.Data;
using Perceptron.Losses;
using Perceptron.Tabular;
using Perceptron.Tensors;

namespace Perceptron.Tests.Tabular;

public class ClassWeightsTests
{
    /// <summary>scikit-learn's compute_class_weight("balanced"): n_samples / (n_classes · bincount), here 10 / (2 · [8, 2]).</summary>
    [Fact]
    public void Balanced_IsRowsOverClassesTimesCount()
    {
        var data = TabularDataset.ForClassification("t", new Matrix<float>(10, 1), ["x"], "y", [0, 0, 0, 0, 0, 0, 0, 0, 1, 1], ["a", "b"]);
        Assert.Equal([0.625, 2.5], ClassWeights.Balanced.Resolve(data));
    }

    [Fact]
    public void Parse_ReadsBalancedAndPairs_AndUnnamedClassesWeighOne()
    {
        var data = TabularDataset.ForClassification("t", new Matrix<float>(3, 1), ["x"], "y", [0, 1, 2], ["low", "mid", "high"]);
        Assert.Same(ClassWeights.Balanced, ClassWeights.Parse("Balanced"));
        Assert.Equal([1, 1, 5], ClassWeights.Parse("high=5").Resolve(data));
        Assert.Equal("low=0.5,high=5", ClassWeights.Parse("low = 0.5, high=5").ToString());
    }

    [Theory]
    [InlineData("0=")]
    [InlineData("=3")]
    [InlineData("0=-1")]
    [InlineData("0=1,0=2")]
    [InlineData("heavy")]
    public void Parse_BadText_IsAFormatError(string text) => Assert.Throws<FormatException>(() => ClassWeights.Parse(text));

    [Fact]
    public void Resolve_UnknownClassOrRegression_SaysWhy()
    {
        var data = TabularDataset.ForClassification("t.csv", new Matrix<float>(2, 1), ["x"], "y", [0, 1], ["a", "b"]);
        Assert.Contains("has classes a, b", Assert.Throws<ArgumentException>(() => ClassWeights.Parse("c=2").Resolve(data)).Message, StringComparison.Ordinal);
        var regression = TabularDataset.ForRegression("r.csv", new Matrix<float>(2, 1), ["x"], "y", [1f, 2f]);
        Assert.Contains("apply to classification", Assert.Throws<ArgumentException>(() => ClassWeights.Balanced.Resolve(regression)).Message, StringComparison.Ordinal);
    }

    /// <summary>On 9:1 overlapping classes an unweighted model favours the majority; balanced weights must raise the
    /// minority's recall on the training rows, and the trained loss must carry the weights.</summary>
    [Fact]
    public void Train_Balanced_RaisesMinorityRecall()
    {
        var random = new Random(8);
        int rows = 400;
        var x = new Matrix<float>(rows, 2);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            labels[i] = i % 10 == 0 ? 1 : 0;
            x[i, 0] = (float)(random.NextDouble() * 2 + labels[i]);
            x[i, 1] = (float)random.NextDouble();
        }

        var data = TabularDataset.ForClassification("imbalanced", x, ["a", "b"], "y", labels, ["common", "rare"]);
        var options = new TabularOptions { Layers = [8], Epochs = 30, Seed = 2, Dropout = 0, L2 = 0 };

        TabularTrainingResult plain = TabularTrainer.Train(data, options);
        TabularTrainingResult balanced = TabularTrainer.Train(data, options with { ClassWeights = ClassWeights.Balanced });

        double plainRecall = plain.TrainEvaluation!.Report!.Classes[1].Recall, balancedRecall = balanced.TrainEvaluation!.Report!.Classes[1].Recall;
        Assert.True(balancedRecall > plainRecall + 0.2, $"rare-class recall {plainRecall:0.00} unweighted, {balancedRecall:0.00} balanced");
        Assert.Equal([400.0 / (2 * 360), 400.0 / (2 * 40)], ((SparseCategoricalCrossEntropy)balanced.Model.Loss!).ClassWeights!);
    }
}
