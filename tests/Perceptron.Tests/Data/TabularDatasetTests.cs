using Perceptron.Data;
using Perceptron.Tensors;

namespace Perceptron.Tests.Data;

public class TabularDatasetTests
{
    [Fact]
    public void ForClassification_ChecksCountsAndLabelRange()
    {
        var features = new Matrix<float>(2, 1);

        Assert.Throws<ArgumentException>(() => TabularDataset.ForClassification("s", features, ["a"], "y", [0], ["x"]));
        Assert.Throws<ArgumentException>(() => TabularDataset.ForClassification("s", features, ["a"], "y", [0, 2], ["x", "y"]));
        Assert.Throws<ArgumentException>(() => TabularDataset.ForClassification("s", features, ["a", "b"], "y", [0, 1], ["x", "y"]));
    }

    [Fact]
    public void ToString_DescribesShapeAndTask()
    {
        Assert.Equal("iris: 150 rows × 4 features → species (classification, 3 classes)", BuiltInDatasets.Load("iris").ToString());
        Assert.Equal("sum: 5000 rows × 2 features → sum (regression)", BuiltInDatasets.Load("sum").ToString());
    }

    [Fact]
    public void SelectRows_KeepsTargetsWithTheirRows()
    {
        var data = TabularDataset.ForRegression("s", new Matrix<float>(new float[,] { { 1 }, { 2 }, { 3 } }), ["a"], "y", [10f, 20f, 30f], droppedRows: 2);

        TabularDataset subset = data.SelectRows([2, 0]);

        Assert.Equal([3f, 1f], subset.Features.Data);
        Assert.Equal([30f, 10f], subset.Targets!);
        Assert.Equal(2, subset.DroppedRows);
    }
}
