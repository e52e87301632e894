using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>
/// Statistics of one raw feature column, accumulated one value at a time: what <see cref="FeaturePipeline"/> is fitted
/// from, so that data read row by row (a file larger than memory) is prepared exactly as data held in memory.
/// </summary>
/// <remarks>
/// Numbers: count, mean and sum of squared deviations (Welford's update, in double), minimum, maximum, and a sample of
/// up to <see cref="SampleSize"/> values for the median and the most frequent value: every value while there are that
/// few (so those are exact), then a uniform reservoir sample with a fixed seed. Categories: a count per category index.
/// A NaN value is a missing cell, counted apart.
/// </remarks>
/// <example><code>
/// var age = new ColumnStatistics(ColumnKind.Numeric);
/// foreach (float value in ages) age.Add(value);
/// Console.WriteLine($"{age.Count} values, {age.Missing} missing, median {age.Median()}");
/// </code></example>
/// <param name="kind">Numeric, or categorical (values are category indices).</param>
public sealed class ColumnStatistics(ColumnKind kind)
{
    /// <summary>Values kept for the median and the most frequent value; exact up to this many.</summary>
    public const int SampleSize = 1 << 16;

    private readonly List<float> _sample = [];
    private readonly Dictionary<int, long> _categoryCounts = [];
    private ulong _random = 0x9E3779B97F4A7C15; // reservoir sampling, seeded so a fit is reproducible
    private double _mean, _squares;

    /// <summary>Numeric or categorical.</summary>
    public ColumnKind Kind { get; } = kind;

    /// <summary>Values seen (not missing).</summary>
    public long Count { get; private set; }

    /// <summary>Missing values seen (NaN).</summary>
    public long Missing { get; private set; }

    /// <summary>The mean of the values (numbers), 0 before any.</summary>
    public double Mean => _mean;

    /// <summary>The population variance of the values (divisor <see cref="Count"/>), 0 before any.</summary>
    public double Variance => Count == 0 ? 0 : _squares / Count;

    /// <summary>Sum of squared deviations from the mean (Welford's M2).</summary>
    public double SquaredDeviations => _squares;

    /// <summary>The smallest value, +∞ before any.</summary>
    public float Minimum { get; private set; } = float.PositiveInfinity;

    /// <summary>The largest value, −∞ before any.</summary>
    public float Maximum { get; private set; } = float.NegativeInfinity;

    /// <summary>For a categorical column, how many values each category index had.</summary>
    public IReadOnlyDictionary<int, long> CategoryCounts => _categoryCounts;

    /// <summary>Adds one value: a number, a category index, or NaN for a missing cell.</summary>
    /// <param name="value">The cell.</param>
    /// <exception cref="ArgumentException">An infinite value, or a category index that is not a whole number ≥ 0.</exception>
    public void Add(float value)
    {
        if (float.IsNaN(value))
        {
            Missing++;
            return;
        }

        if (float.IsInfinity(value) || (Kind == ColumnKind.Categorical && (value < 0 || value != MathF.Floor(value) || value > int.MaxValue)))
        {
            throw new ArgumentException($"{value} is not a {(Kind == ColumnKind.Numeric ? "finite number" : "category index")}; missing cells are NaN.", nameof(value));
        }

        Count++;
        double delta = value - _mean;
        _mean += delta / Count;
        _squares += delta * (value - _mean);
        Minimum = Math.Min(Minimum, value);
        Maximum = Math.Max(Maximum, value);
        if (Kind == ColumnKind.Categorical)
        {
            _categoryCounts[(int)value] = _categoryCounts.GetValueOrDefault((int)value) + 1;
        }
        else if (_sample.Count < SampleSize)
        {
            _sample.Add(value);
        }
        else if (NextIndex(Count) is long slot and < SampleSize)
        {
            _sample[(int)slot] = value; // Algorithm R: each of the Count values stays with probability SampleSize / Count
        }
    }

    /// <summary>The median of the values (of the sample past <see cref="SampleSize"/>); the mean of the middle two for an even count.</summary>
    /// <returns>The median, or NaN before any value.</returns>
    public float Median()
    {
        if (_sample.Count == 0)
        {
            return float.NaN;
        }

        // Selection, not a sort: O(n) for the middle value(s). The values are those a stable sort would put there, down
        // to the sign of a zero (−0 and 0 compare equal; a stable sort keeps them in arrival order).
        // A pooled copy: a fit takes the median of every column, and fresh arrays for each cost page faults.
        int length = _sample.Count, middle = length / 2;
        float[] rented = ArrayPool<float>.Shared.Rent(length);
        Span<float> values = rented.AsSpan(0, length);
        CollectionsMarshal.AsSpan(_sample).CopyTo(values);
        float upper = OrderStatistic.Select(values, middle);
        float lower = length % 2 == 1 ? upper : OrderStatistic.MaxBelow(values, middle);
        ArrayPool<float>.Shared.Return(rented);
        upper = upper == 0 ? StableZero(middle) : upper;
        if (length % 2 == 1)
        {
            return upper;
        }

        lower = lower == 0 ? StableZero(middle - 1) : lower;
        return (float)((lower + (double)upper) / 2);
    }

    /// <summary>The zero (0 or −0) that a stable sort of the sample puts at <paramref name="rank"/>: zeros follow the
    /// negative values, in arrival order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a pass over the sample per column, once per run: no time to tier up
    private float StableZero(int rank)
    {
        int negatives = 0;
        foreach (float value in _sample)
        {
            negatives += value < 0 ? 1 : 0;
        }

        int zero = rank - negatives;
        foreach (float value in _sample)
        {
            if (value == 0 && zero-- == 0)
            {
                return value;
            }
        }

        return 0f;
    }

    /// <summary>The most frequent value (numbers, from the sample) or category index; the smallest among ties.</summary>
    /// <returns>The value, or NaN before any.</returns>
    public float MostFrequent()
    {
        if (Kind == ColumnKind.Categorical)
        {
            return _categoryCounts.Count == 0 ? float.NaN : _categoryCounts.OrderByDescending(p => p.Value).ThenBy(p => p.Key).First().Key;
        }

        return _sample.Count == 0 ? float.NaN : _sample.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
    }

    /// <summary>Statistics of every column of a raw feature matrix (NaN = missing).</summary>
    /// <param name="data">The raw rows; categorical columns hold category indices.</param>
    /// <returns>One accumulator per column, as if each had been given the column's values with <see cref="Add"/>, row by row.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // millions of cells once per run: no time to tier up
    public static ColumnStatistics[] Of(TabularDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ColumnStatistics[] statistics = [.. data.Columns.Select(c => new ColumnStatistics(c.Kind))];
        Matrix<float> features = data.Features;
        int rows = features.Rows, width = features.Columns;

        // Column by column (each accumulator sees its values in row order, so the result is that of Add row by row), a
        // block of columns at a time: one pass over the rows copies a block into contiguous runs, without a method call per cell.
        const int Block = 16;
        float[] columns = new float[Block * rows];
        for (int first = 0; first < width; first += Block)
        {
            int count = Math.Min(Block, width - first);
            for (int row = 0; row < rows; row++)
            {
                ReadOnlySpan<float> cells = features.Data.AsSpan(row * width + first, count);
                for (int c = 0; c < cells.Length; c++)
                {
                    columns[c * rows + row] = cells[c];
                }
            }

            for (int c = 0; c < count; c++)
            {
                statistics[first + c].AddRange(columns.AsSpan(c * rows, rows));
            }
        }

        return statistics;
    }

    /// <summary>Adds values in order: the same as <see cref="Add"/> for each, with the running state kept in locals.</summary>
    /// <param name="values">Numbers, category indices, or NaN for missing cells.</param>
    /// <exception cref="ArgumentException">An infinite value, or a category index that is not a whole number ≥ 0.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // millions of cells once per run: no time to tier up
    internal void AddRange(ReadOnlySpan<float> values)
    {
        if (Kind == ColumnKind.Categorical)
        {
            foreach (float value in values)
            {
                Add(value);
            }

            return;
        }

        long count = Count, missing = Missing;
        double mean = _mean, squares = _squares;
        float minimum = Minimum, maximum = Maximum;
        _sample.EnsureCapacity((int)Math.Min(SampleSize, _sample.Count + values.Length));
        foreach (float value in values)
        {
            if (float.IsNaN(value))
            {
                missing++;
                continue;
            }

            if (float.IsInfinity(value))
            {
                (Count, Missing, _mean, _squares, Minimum, Maximum) = (count, missing, mean, squares, minimum, maximum);
                Add(value); // throws the error Add gives
            }

            // Welford's update and the sample, exactly as in Add.
            count++;
            double delta = value - mean;
            mean += delta / count;
            squares += delta * (value - mean);
            minimum = Math.Min(minimum, value);
            maximum = Math.Max(maximum, value);
            if (_sample.Count < SampleSize)
            {
                _sample.Add(value);
            }
            else if (NextIndex(count) is long slot and < SampleSize)
            {
                _sample[(int)slot] = value;
            }
        }

        (Count, Missing, _mean, _squares, Minimum, Maximum) = (count, missing, mean, squares, minimum, maximum);
    }

    /// <summary>A uniform index in [0, count) from a xorshift generator.</summary>
    private long NextIndex(long count)
    {
        _random ^= _random << 13;
        _random ^= _random >> 7;
        _random ^= _random << 17;
        return (long)(_random % (ulong)count);
    }
}
