using Perceptron.Data;

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
}
