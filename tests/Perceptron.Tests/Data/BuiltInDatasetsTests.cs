using Perceptron.Data;

namespace Perceptron.Tests.Data;

public class BuiltInDatasetsTests
{
    public static TheoryData<string, int, int, TaskKind, int> Shapes => new()
    {
        { "sum", 5000, 2, TaskKind.Regression, 0 },
        { "xor", 400, 2, TaskKind.Classification, 2 },
        { "circles", 500, 2, TaskKind.Classification, 2 },
        { "moons", 500, 2, TaskKind.Classification, 2 },
        { "spiral", 900, 2, TaskKind.Classification, 3 },
        { "iris", 150, 4, TaskKind.Classification, 3 },
        { "breast_cancer", 569, 30, TaskKind.Classification, 2 },
        { "diabetes", 442, 10, TaskKind.Regression, 0 },
        { "digits8x8", 1797, 64, TaskKind.Classification, 10 },
        { "mnist", 2500, 784, TaskKind.Classification, 10 },
    };

    public static TheoryData<string> Generated => ["sum", "xor", "circles", "moons", "spiral"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Load_HasTheDocumentedShape(string name, int rows, int features, TaskKind task, int classes)
    {
        TabularDataset data = BuiltInDatasets.Load(name);

        Assert.Equal((rows, features, task, classes), (data.Rows, data.Features.Columns, data.Task, data.ClassCount));
        Assert.Equal(name, data.Source);
        Assert.Equal(features, data.FeatureNames.Count);
        Assert.All(data.Features.Data, v => Assert.True(float.IsFinite(v)));
        Assert.Contains(data.Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), BuiltInDatasets.Describe(name), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_ListsEveryDatasetOnce()
    {
        Assert.Equal(["sum", "xor", "circles", "moons", "spiral", "iris", "breast_cancer", "diabetes", "digits8x8", "mnist"], BuiltInDatasets.Names);
    }

    /// <summary>The embedded breast_cancer and diabetes are the committed CSV files, row for row.</summary>
    [Theory]
    [InlineData("breast_cancer")]
    [InlineData("diabetes")]
    public void Load_EmbeddedCopy_EqualsTheCommittedFile(string name) =>
        Assert.Equal(CsvLoader.Load(DataTestFiles.DataFile(name + ".csv")).ContentHash(), BuiltInDatasets.Load(name).ContentHash());

    [Theory]
    [MemberData(nameof(Generated))]
    public void Load_SameSeed_SameRows_OtherSeed_OtherRows(string name)
    {
        TabularDataset first = BuiltInDatasets.Load(name, seed: 3), again = BuiltInDatasets.Load(name, seed: 3), other = BuiltInDatasets.Load(name, seed: 4);

        Assert.Equal(first.Features.Data, again.Features.Data);
        Assert.Equal(first.Labels ?? [], again.Labels ?? []);
        Assert.NotEqual(first.Features.Data, other.Features.Data);
    }

    [Fact]
    public void Sum_TargetIsTheSumOfFeaturesInRange()
    {
        TabularDataset sum = BuiltInDatasets.Load("sum");

        for (int r = 0; r < sum.Rows; r++)
        {
            Assert.InRange(sum.Features[r, 0], 0f, 0.5f);
            Assert.Equal(sum.Features[r, 0] + sum.Features[r, 1], sum.Targets![r]);
        }
    }

    [Theory]
    [InlineData("xor")]
    [InlineData("circles")]
    [InlineData("moons")]
    [InlineData("spiral")]
    public void Generated_ClassesAreBalanced(string name)
    {
        TabularDataset data = BuiltInDatasets.Load(name);

        int[] counts = [.. data.Labels!.GroupBy(l => l).OrderBy(g => g.Key).Select(g => g.Count())];

        Assert.All(counts, c => Assert.Equal(data.Rows / data.ClassCount, c));
    }

    [Fact]
    public void Iris_KeepsTheFileOrderAndSpeciesNames()
    {
        TabularDataset iris = BuiltInDatasets.Load("IRIS");

        Assert.Equal(["setosa", "versicolor", "virginica"], iris.ClassNames);
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], iris.Features.Row(0).ToArray());
        Assert.Equal("species", iris.TargetName);
    }

    [Fact]
    public void Mnist_PixelsAreRawBytesAndDigitsAllPresent()
    {
        TabularDataset mnist = BuiltInDatasets.Load("mnist");

        Assert.Equal(255f, mnist.Features.Data.Max());
        Assert.Equal(0f, mnist.Features.Data.Min());
        Assert.Equal(10, mnist.Labels!.Distinct().Count());
        Assert.Equal(246, mnist.Labels!.Count(l => l == 0));
    }

    [Fact]
    public void Load_UnknownName_ListsTheNames()
    {
        var e = Assert.Throws<ArgumentException>(() => BuiltInDatasets.Load("cifar"));

        Assert.StartsWith("'cifar' is not a built-in dataset; choose one of sum, xor, circles, moons, spiral, iris, breast_cancer, diabetes, digits8x8, mnist.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MnistLicence_IsEmbeddedBesideTheData()
    {
        using Stream? licence = typeof(BuiltInDatasets).Assembly.GetManifestResourceStream("Perceptron.Data.Resources.LICENSE.mnist.txt");

        Assert.NotNull(licence);
        Assert.Contains("Copyright (c) 2015 Juan Cazala", new StreamReader(licence).ReadToEnd(), StringComparison.Ordinal);
    }
}
