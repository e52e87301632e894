using Perceptron.Data;
using Perceptron.Tensors;

namespace Perceptron.Tests.Data;

/// <summary>Row-by-row statistics against two-pass sums in double, and the median against a sort.</summary>
public class ColumnStatisticsTests
{
    [Fact]
    public void Add_MeanAndVariance_MatchTwoPassSums()
    {
        var random = new Random(7);
        float[] values = [.. Enumerable.Range(0, 5000).Select(_ => (float)(1e4 + random.NextDouble()))]; // a large offset: naive Σx² − n·mean² loses it
        var statistics = new ColumnStatistics(ColumnKind.Numeric);
        foreach (float v in values)
        {
            statistics.Add(v);
        }

        statistics.Add(float.NaN);
        double mean = values.Average(v => (double)v);
        double variance = values.Average(v => ((double)v - mean) * ((double)v - mean));

        Assert.Equal((5000L, 1L), (statistics.Count, statistics.Missing));
        Assert.Equal(mean, statistics.Mean, 1e-9);
        Assert.Equal(variance, statistics.Variance, variance * 1e-9);
        Assert.Equal((values.Min(), values.Max()), (statistics.Minimum, statistics.Maximum));
    }

    [Theory]
    [InlineData(new float[] { 5, 1, 3 }, 3f)]
    [InlineData(new float[] { 4, 1, 3, 10 }, 3.5f)]
    [InlineData(new float[] { 2 }, 2f)]
    public void Median_OfFewValues_IsExact(float[] values, float median)
    {
        var statistics = new ColumnStatistics(ColumnKind.Numeric);
        foreach (float v in values)
        {
            statistics.Add(v);
        }

        Assert.Equal(median, statistics.Median());
    }

    [Fact]
    public void Median_PastTheSampleSize_IsCloseFromAUniformSample()
    {
        var statistics = new ColumnStatistics(ColumnKind.Numeric);
        for (int i = 0; i < 4 * ColumnStatistics.SampleSize; i++)
        {
            statistics.Add(i % 1000); // uniform over 0..999 in order: a biased sample would show
        }

        Assert.InRange(statistics.Median(), 480f, 520f);
    }

    [Fact]
    public void MostFrequent_TakesTheSmallestAmongTies_AndCountsCategories()
    {
        var numbers = new ColumnStatistics(ColumnKind.Numeric);
        var categories = new ColumnStatistics(ColumnKind.Categorical);
        foreach (float v in new float[] { 3, 1, 3, 1, 2 })
        {
            numbers.Add(v);
            categories.Add(v);
        }

        Assert.Equal(1f, numbers.MostFrequent());
        Assert.Equal(1f, categories.MostFrequent());
        Assert.Equal(new Dictionary<int, long> { [1] = 2, [2] = 1, [3] = 2 }, categories.CategoryCounts);
        Assert.Throws<ArgumentException>(() => categories.Add(1.5f));
        Assert.Throws<ArgumentException>(() => numbers.Add(float.PositiveInfinity));
    }

    [Theory]
    [InlineData(1, 7)]
    [InlineData(300, 37)]
    [InlineData(ColumnStatistics.SampleSize + 5000, 2)] // past the sample size: the reservoir draws in the same order
    public void Of_EqualsAddRowByRow(int rows, int columns)
    {
        TabularDataset data = Table(rows, columns, seed: rows);
        ColumnStatistics[] expected = [.. data.Columns.Select(c => new ColumnStatistics(c.Kind))];
        for (int row = 0; row < rows; row++)
        {
            for (int c = 0; c < columns; c++)
            {
                expected[c].Add(data.Features[row, c]);
            }
        }

        ColumnStatistics[] actual = ColumnStatistics.Of(data);

        for (int c = 0; c < columns; c++)
        {
            var (e, a) = (expected[c], actual[c]);
            Assert.Equal((e.Count, e.Missing, e.Mean, e.SquaredDeviations), (a.Count, a.Missing, a.Mean, a.SquaredDeviations));
            Assert.Equal(Bits(e.Minimum, e.Maximum, e.Median(), e.MostFrequent()), Bits(a.Minimum, a.Maximum, a.Median(), a.MostFrequent()));
            Assert.Equal(e.CategoryCounts, a.CategoryCounts);
        }
    }

    [Fact]
    public void Of_InfiniteValue_IsRefusedAsByAdd()
    {
        TabularDataset data = TabularDataset.ForRegression("inf.csv", new Matrix<float>(new float[,] { { 1, 2 }, { 3, float.NegativeInfinity } }), ["a", "b"], "y", [0, 0]);

        var e = Assert.Throws<ArgumentException>(() => ColumnStatistics.Of(data));

        Assert.Equal(Assert.Throws<ArgumentException>(() => new ColumnStatistics(ColumnKind.Numeric).Add(float.NegativeInfinity)).Message, e.Message);
        Assert.Contains("is not a finite number", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Median_EqualsTheMiddleOfAStableSort_DownToTheSignOfZero(int length)
    {
        var random = new Random(length);
        float[] values = [.. Enumerable.Range(0, length).Select(_ => random.Next(6) switch { 0 => 0f, 1 => -0f, 2 => -random.Next(3), _ => random.Next(4) })];
        var statistics = new ColumnStatistics(ColumnKind.Numeric);
        foreach (float v in values)
        {
            statistics.Add(v);
        }

        float[] sorted = [.. values.Order()]; // stable: −0 and 0 keep their arrival order
        int middle = length / 2;
        float expected = length % 2 == 1 ? sorted[middle] : (float)((sorted[middle - 1] + (double)sorted[middle]) / 2);

        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(statistics.Median()));
    }

    public static TheoryData<int> Lengths() => [.. Enumerable.Range(1, 40), 101, 256, 1001];

    private static (int, int, int, int) Bits(float a, float b, float c, float d) =>
        (BitConverter.SingleToInt32Bits(a), BitConverter.SingleToInt32Bits(b), BitConverter.SingleToInt32Bits(c), BitConverter.SingleToInt32Bits(d));

    /// <summary>Numeric columns with missing cells, signed zeros and repeats, and every fifth column categorical.</summary>
    private static TabularDataset Table(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var features = new Matrix<float>(rows, columns);
        for (int row = 0; row < rows; row++)
        {
            for (int c = 0; c < columns; c++)
            {
                double u = random.NextDouble();
                features[row, c] = u < 0.1 ? float.NaN : c % 5 == 4 ? random.Next(3) : u < 0.3 ? (u < 0.2 ? -0f : 0f) : u < 0.5 ? random.Next(4) : (float)(random.NextDouble() * 200 - 100);
            }
        }

        FeatureColumn[] kinds = [.. Enumerable.Range(0, columns).Select(c => c % 5 == 4 ? FeatureColumn.Categorical($"c{c}", ["p", "q", "r"]) : FeatureColumn.Numeric($"c{c}"))];
        return TabularDataset.ForRegression("table.csv", features, [.. kinds.Select(k => k.Name)], "y", new float[rows], columns: kinds);
    }
}
