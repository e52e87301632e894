namespace Perceptron.Data;

/// <summary>
/// Fits the three steps of a <see cref="FeaturePipeline"/> from per-column statistics. The scaler's parameters are those
/// of the imputed, encoded columns, derived in closed form (no second pass over the rows):
/// a numeric column with n values of mean μ and squared deviations M2, m missing cells filled with f, has
/// N = n + m, μ′ = (nμ + mf)/N and M2′ = M2 + n(μ − μ′)² + m(f − μ′)²; a 0/1 column with p = ones/N has mean p and
/// variance p(1 − p).
/// </summary>
internal static class PipelineFit
{
    /// <summary>Mean, population variance, minimum and maximum of one encoded column.</summary>
    private readonly record struct Moments(double Mean, double Variance, float Min, float Max);

    public static FeaturePipeline Run(IReadOnlyList<FeatureColumn> columns, IReadOnlyList<ColumnStatistics> statistics, PreprocessingOptions options)
    {
        int width = columns.Count;
        float[] fill = new float[width];
        var encodings = new List<OneHotColumn>();
        var schema = new FeatureColumn[width];
        var moments = new List<Moments>();        // of the encoded columns, in output order
        long rows = statistics[0].Count + statistics[0].Missing;
        for (int c = 0; c < width; c++)
        {
            ColumnStatistics s = statistics[c];
            if (columns[c].Kind == ColumnKind.Numeric)
            {
                fill[c] = NumericFill(s, options.Impute);
                schema[c] = FeatureColumn.Numeric(columns[c].Name);
                moments.Add(Imputed(s, fill[c]));
                continue;
            }

            (OneHotColumn encoding, long[] ones) = Categories(c, columns[c], s, options.MaxCategories);
            int known = encoding.Categories.Count;
            fill[c] = known == 0 ? 0 : Array.IndexOf(ones, ones[..known].Max()); // the most frequent, the first in ordinal order among ties
            ones[(int)fill[c]] += s.Missing; // missing cells take it (or "other" when no category was seen)

            encodings.Add(encoding);
            schema[c] = FeatureColumn.Categorical(columns[c].Name, encoding.Categories);
            moments.AddRange(ones.Select(count => Binary(count, rows)));
        }

        int[] indicators = options.MissingIndicators ? [.. Enumerable.Range(0, width).Where(c => statistics[c].Missing > 0)] : [];
        moments.AddRange(indicators.Select(c => Binary(statistics[c].Missing, rows)));
        var imputer = new MissingValueImputer(fill, options.Impute, indicators);
        var encoder = encodings.Count > 0 ? new OneHotEncoder(imputer.OutputWidth, encodings) : null;
        return new FeaturePipeline(schema, imputer, encoder, Scaler(moments, options.Scaling));
    }

    /// <summary>The fill value of a numeric column; 0 when the training rows hold no value at all.</summary>
    private static float NumericFill(ColumnStatistics s, ImputeStrategy strategy)
    {
        if (s.Count == 0)
        {
            return 0;
        }

        return strategy switch
        {
            ImputeStrategy.Mean => (float)s.Mean,
            ImputeStrategy.MostFrequent => s.MostFrequent(),
            _ => s.Median(),
        };
    }

    /// <summary>Moments of a numeric column after its missing cells are filled.</summary>
    private static Moments Imputed(ColumnStatistics s, float fill)
    {
        long n = s.Count, m = s.Missing, total = n + m;
        double mean = (n * s.Mean + m * (double)fill) / total;
        double squares = s.SquaredDeviations + n * Square(s.Mean - mean) + m * Square(fill - mean);
        float min = n == 0 ? fill : m > 0 ? Math.Min(s.Minimum, fill) : s.Minimum;
        float max = n == 0 ? fill : m > 0 ? Math.Max(s.Maximum, fill) : s.Maximum;
        return new Moments(mean, squares / total, min, max);
    }

    /// <summary>
    /// The categories kept (the most frequent, at most <paramref name="cap"/>, ties by ordinal order; listed in ordinal
    /// order), whether an "other" column catches the rest, and the count of ones in each output column (missing not yet added).
    /// </summary>
    private static (OneHotColumn Encoding, long[] Ones) Categories(int index, FeatureColumn column, ColumnStatistics s, int cap)
    {
        var byName = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (code, count) in s.CategoryCounts)
        {
            string name = code < column.Categories.Count ? column.Categories[code]
                : throw new ArgumentException($"The column '{column.Name}' counted category index {code} but names only {column.Categories.Count} categories.");
            byName[name] = byName.GetValueOrDefault(name) + count;
        }

        string[] kept = [.. byName.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(cap).Select(p => p.Key).Order(StringComparer.Ordinal)];
        bool other = byName.Count > kept.Length || kept.Length == 0;
        long[] ones = [.. kept.Select(name => byName[name]), .. other ? [byName.Values.Sum() - kept.Sum(name => byName[name])] : Array.Empty<long>()];
        return (new OneHotColumn(index, kept, other), ones);
    }

    private static Moments Binary(long ones, long rows)
    {
        double p = (double)ones / rows;
        return new Moments(p, p * (1 - p), ones < rows ? 0 : 1, ones > 0 ? 1 : 0);
    }

    /// <summary>The scaler of the encoded columns: a constant column gets std 1 (standard) and maps to 0 (min-max), as when fitted on the matrix.</summary>
    private static IFeatureScaler? Scaler(List<Moments> moments, FeatureScaling scaling) => scaling switch
    {
        FeatureScaling.Standard => new StandardScaler([.. moments.Select(m => (float)m.Mean)], [.. moments.Select(Deviation)]),
        FeatureScaling.MinMax => new MinMaxScaler([.. moments.Select(m => m.Min)], [.. moments.Select(m => m.Max)]),
        _ => null,
    };

    /// <summary>The population standard deviation as a float; 1 for a constant column (or one too narrow for a float).</summary>
    private static float Deviation(Moments m)
    {
        float deviation = (float)Math.Sqrt(m.Variance);
        return m.Min == m.Max || !(deviation > 0) || !float.IsFinite(deviation) ? 1f : deviation;
    }

    private static double Square(double x) => x * x;
}
