using Perceptron.Core;

namespace Perceptron.Tests.Core;

/// <summary>The seeded generator behind shuffling and dropout: reproducible per (seed, epoch, stream), and uniform.</summary>
public class RngTests
{
    [Fact]
    public void SameSeedEpochAndStream_GiveTheSameNumbers_AndChangingAnyOfThemGivesOthers()
    {
        ulong[] reference = Draw(new Rng(42, 3, 1), 8);

        Assert.Equal(reference, Draw(new Rng(42, 3, 1), 8));
        Assert.NotEqual(reference, Draw(new Rng(43, 3, 1), 8));
        Assert.NotEqual(reference, Draw(new Rng(42, 4, 1), 8));
        Assert.NotEqual(reference, Draw(new Rng(42, 3, 2), 8));
    }

    [Fact]
    public void NextInt_IsUniformOverItsBound()
    {
        // Chi-square over 6 bins, 5 degrees of freedom: 20.5 is the 0.999 quantile. The seed fixes the draws, so
        // this is a check of the method, not a test that can fail by chance from one run to the next.
        const int Bound = 6, Draws = 60_000;
        var rng = new Rng(7, 0, 0);
        var counts = new int[Bound];
        for (int i = 0; i < Draws; i++)
        {
            int value = rng.NextInt(Bound);
            Assert.InRange(value, 0, Bound - 1);
            counts[value]++;
        }

        double expected = (double)Draws / Bound;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < 20.5, $"chi-square {chiSquare:0.00} for counts {string.Join(", ", counts)}");
    }

    [Fact]
    public void NextSingle_StaysInTheUnitInterval_WithMeanOneHalf()
    {
        var rng = new Rng(1, 2, 3);
        double sum = 0;
        for (int i = 0; i < 100_000; i++)
        {
            float value = rng.NextSingle();
            Assert.InRange(value, 0f, 0.99999994f);
            sum += value;
        }

        // Standard error of the mean: √(1/12 / 100,000) ≈ 0.0009; 0.005 is more than five of them.
        Assert.Equal(0.5, sum / 100_000, 0.005);
    }

    [Fact]
    public void Shuffle_GivesEveryOrderOfThreeItemsAboutEquallyOften()
    {
        var rng = new Rng(11, 0, 5);
        var counts = new Dictionary<string, int>();
        for (int i = 0; i < 6_000; i++)
        {
            int[] items = [0, 1, 2];
            rng.Shuffle(items);
            string key = string.Join("", items);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        Assert.Equal(6, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 850, 1150)); // 1,000 expected, σ ≈ 29
    }

    private static ulong[] Draw(Rng rng, int count)
    {
        var values = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = rng.NextUInt64();
        }

        return values;
    }
}
