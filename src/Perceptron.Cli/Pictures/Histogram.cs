namespace Perceptron.Cli.Pictures;

/// <summary>Counts of values in equal-width bins over [<see cref="Min"/>, <see cref="Max"/>]; values that are not finite are counted apart.</summary>
internal sealed record Histogram(double Min, double Max, IReadOnlyList<int> Counts, int NotFinite)
{
    /// <summary>The bins' width.</summary>
    public double BinWidth => (Max - Min) / Counts.Count;

    /// <summary>The values counted in the bins.</summary>
    public int Total => Counts.Sum();

    /// <summary>The centre of bin <paramref name="bin"/>.</summary>
    public double Centre(int bin) => Min + ((bin + 0.5) * BinWidth);

    /// <summary>Counts <paramref name="values"/> into <paramref name="bins"/> bins over [min, max] (max falls in the last bin; values outside go to the nearest end).</summary>
    public static Histogram Of(IEnumerable<double> values, double min, double max, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (!(max > min))
        {
            (min, max) = (min - 0.5, min + 0.5);
        }

        var counts = new int[bins];
        int notFinite = 0;
        foreach (double value in values)
        {
            if (!double.IsFinite(value))
            {
                notFinite++;
                continue;
            }

            int bin = (int)Math.Floor((value - min) / (max - min) * bins);
            counts[Math.Clamp(bin, 0, bins - 1)]++;
        }

        return new Histogram(min, max, counts, notFinite);
    }
}
