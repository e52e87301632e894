using Perceptron.Data;

namespace Perceptron.Tests.Data;

/// <summary>Quickselect against a sort, at every rank, on data with many repeats and on distinct values.</summary>
public class OrderStatisticTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(17, 3)]
    [InlineData(70, 2)]
    [InlineData(200, 1000)]
    [InlineData(513, 5)]
    public void Select_EveryRank_EqualsTheSortedValue(int length, int distinct)
    {
        var random = new Random(length);
        float[] values = [.. Enumerable.Range(0, length).Select(_ => (float)random.Next(distinct) - (distinct / 2))];
        float[] sorted = [.. values.Order()];

        for (int k = 0; k < length; k++)
        {
            float[] work = [.. values];
            float selected = OrderStatistic.Select(work, k);

            Assert.Equal(sorted[k], selected);
            Assert.All(work[..k], v => Assert.True(v <= selected));
            Assert.All(work[(k + 1)..], v => Assert.True(v >= selected));
            Assert.Equal(k == 0 ? selected : sorted[k - 1], k == 0 ? selected : OrderStatistic.MaxBelow(work, k));
        }
    }

    [Fact]
    public void Select_SortedAndReversedInput_StaysExact()
    {
        float[] ascending = [.. Enumerable.Range(0, 1000).Select(i => (float)i)];
        float[] descending = [.. ascending.Reverse()];

        Assert.Equal(500f, OrderStatistic.Select(ascending, 500));
        Assert.Equal(499f, OrderStatistic.Select(descending, 499));
    }
}
