using Perceptron.Data;

namespace Perceptron.Tests.Data;

public class DataSplitTests
{
    [Fact]
    public void TrainTestIndices_PartitionTheRows_Deterministically()
    {
        SplitIndices split = DataSplit.TrainTestIndices(100, 0.25, seed: 5);
        SplitIndices again = DataSplit.TrainTestIndices(100, 0.25, seed: 5);
        SplitIndices other = DataSplit.TrainTestIndices(100, 0.25, seed: 6);

        Assert.Equal((75, 25), (split.Train.Length, split.Test.Length));
        Assert.Equal(Enumerable.Range(0, 100), split.Train.Concat(split.Test).Order());
        Assert.Equal(split.Test, again.Test);
        Assert.NotEqual(split.Test, other.Test);
        Assert.Equal(split.Test.Order(), split.Test);
    }

    [Fact]
    public void StratifiedIndices_KeepClassProportions()
    {
        // 60 / 30 / 10 rows; 20% test → exactly 12 / 6 / 2.
        int[] labels = [.. Enumerable.Repeat(0, 60), .. Enumerable.Repeat(1, 30), .. Enumerable.Repeat(2, 10)];

        SplitIndices split = DataSplit.StratifiedIndices(labels, 0.2, seed: 1);

        Assert.Equal([12, 6, 2], [.. split.Test.GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.Count())]);
        Assert.Equal(80, split.Train.Length);
    }

    [Fact]
    public void StratifiedIndices_UnevenShares_StillSumToTheTestCount()
    {
        // 7 / 7 / 6 rows, 50% test → 10 rows: shares 3.5 / 3.5 / 3 → 4 / 3 / 3 (ties go to the lower class).
        int[] labels = [.. Enumerable.Repeat(0, 7), .. Enumerable.Repeat(1, 7), .. Enumerable.Repeat(2, 6)];

        SplitIndices split = DataSplit.StratifiedIndices(labels, 0.5, seed: 1);

        Assert.Equal([4, 3, 3], [.. split.Test.GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.Count())]);
    }

    [Fact]
    public void TrainTestSplit_Dataset_SplitsFeaturesAndLabelsTogether()
    {
        TabularDataset iris = BuiltInDatasets.Load("iris");

        DatasetSplit split = DataSplit.TrainTestSplit(iris, 0.2, seed: 3, stratify: true);

        Assert.Equal((120, 30), (split.Train.Rows, split.Test.Rows));
        Assert.All(split.Test.Labels!.GroupBy(l => l), g => Assert.Equal(10, g.Count()));
        int first = split.Indices.Test[0];
        Assert.Equal(iris.Features.Row(first).ToArray(), split.Test.Features.Row(0).ToArray());
        Assert.Equal(iris.Labels![first], split.Test.Labels![0]);
        Assert.Equal(iris.ClassNames, split.Test.ClassNames);
    }

    [Fact]
    public void TrainTestSplit_Matrices_KeepRowsPaired()
    {
        var features = new Perceptron.Tensors.Matrix<float>(new float[,] { { 0 }, { 1 }, { 2 }, { 3 }, { 4 }, { 5 } });
        var targets = OneHot.Encode([0, 1, 0, 1, 0, 1], 2);

        MatrixSplit split = DataSplit.TrainTestSplit(features, targets, 0.5, seed: 2, stratifyBy: [0, 1, 0, 1, 0, 1]);

        Assert.Equal(split.Indices.Test.Select(i => (float)i), split.TestFeatures.Data);
        Assert.Equal(OneHot.Encode([.. split.Indices.Test.Select(i => i % 2)], 2).Data, split.TestTargets.Data);
        Assert.Equal(3, split.TrainTargets.Rows);
        Assert.Throws<ArgumentException>(() => DataSplit.TrainTestSplit(features, new Perceptron.Tensors.Matrix<float>(5, 2), 0.5));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void TrainTestIndices_BadFraction_IsRejected(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.TrainTestIndices(10, fraction));
    }

    [Fact]
    public void Misuse_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => DataSplit.TrainTestIndices(1, 0.5));
        Assert.Throws<ArgumentException>(() => DataSplit.StratifiedIndices([0, -1, 1], 0.5));
        Assert.Throws<ArgumentException>(() => DataSplit.TrainTestSplit(BuiltInDatasets.Load("sum"), 0.2, stratify: true));
    }

    [Fact]
    public void TinyFractions_StillHoldOutOneRow()
    {
        Assert.Single(DataSplit.TrainTestIndices(10, 0.001).Test);
        Assert.Single(DataSplit.TrainTestIndices(10, 0.999).Train);
    }
}
