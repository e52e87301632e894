using System.Numerics;
using System.Runtime.CompilerServices;

namespace Perceptron.Data;

/// <summary>
/// The k-th smallest of some numbers without sorting them all: quickselect with a three-way partition (so runs of equal
/// values, common in pixel and count columns, end it in one pass), falling back to a sort after too many uneven rounds.
/// </summary>
/// <remarks>Values compare with &lt; and &gt;, so −0 equals 0; the values must not hold NaN.</remarks>
internal static class OrderStatistic
{
    /// <summary>Reorders <paramref name="values"/> so that position <paramref name="k"/> holds the value a sort would put
    /// there, no larger value before it and no smaller one after it.</summary>
    /// <param name="values">The numbers (no NaN); reordered.</param>
    /// <param name="k">The 0-based rank, in 0..length−1.</param>
    /// <returns>The k-th smallest value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per column and run: no time to tier up
    public static float Select(Span<float> values, int k)
    {
        int lo = 0, hi = values.Length; // the rank lies in [lo, hi)
        int rounds = 2 * (BitOperations.Log2((uint)values.Length) + 1);
        while (hi - lo > 16 && rounds-- > 0)
        {
            float pivot = MedianOfThree(values[lo], values[lo + ((hi - lo) / 2)], values[hi - 1]);

            // Dijkstra's partition: [lo, less) < pivot, [less, next) == pivot, (greater, hi) > pivot.
            int less = lo, next = lo, greater = hi - 1;
            while (next <= greater)
            {
                float value = values[next];
                if (value < pivot)
                {
                    (values[less], values[next]) = (values[next], values[less]);
                    less++;
                    next++;
                }
                else if (value > pivot)
                {
                    (values[next], values[greater]) = (values[greater], values[next]);
                    greater--;
                }
                else
                {
                    next++;
                }
            }

            if (k < less)
            {
                hi = less;
            }
            else if (k > greater)
            {
                lo = greater + 1;
            }
            else
            {
                return values[k];
            }
        }

        values[lo..hi].Sort();
        return values[k];
    }

    /// <summary>The largest of the first <paramref name="k"/> values: after <see cref="Select"/> with the same k, the
    /// (k−1)-th smallest.</summary>
    /// <param name="values">The numbers, as <see cref="Select"/> left them.</param>
    /// <param name="k">How many leading values to look at, ≥ 1.</param>
    /// <returns>Their maximum.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per column and run: no time to tier up
    public static float MaxBelow(ReadOnlySpan<float> values, int k)
    {
        float max = values[0];
        foreach (float value in values[1..k])
        {
            max = value > max ? value : max;
        }

        return max;
    }

    private static float MedianOfThree(float a, float b, float c) =>
        a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
}
