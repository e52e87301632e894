namespace Perceptron.Tabular;

/// <summary>The values <see cref="HyperparameterSearch"/> chooses from for each tuned setting; every other setting stays
/// as the base <see cref="TabularOptions"/> has it.</summary>
/// <remarks>The defaults span what usually matters on small tables: 16 to 128 units in one or two layers, learning rates
/// around Adam's 1e-3, light dropout and L2, and three batch sizes (3 × 4 × 3 × 4 × 3 = 432 combinations).</remarks>
public sealed record SearchSpace
{
    /// <summary>Hidden layer sizes to try, each a list such as [64, 32].</summary>
    public IReadOnlyList<IReadOnlyList<int>> Layers { get; init; } = [[32], [64, 32], [128, 64]];

    /// <summary>Learning rates to try, each finite and &gt; 0.</summary>
    public IReadOnlyList<double> LearningRates { get; init; } = [3e-4, 1e-3, 3e-3, 1e-2];

    /// <summary>Dropout rates to try, each in [0, 1).</summary>
    public IReadOnlyList<double> Dropouts { get; init; } = [0, 0.1, 0.2];

    /// <summary>L2 penalties to try, each ≥ 0.</summary>
    public IReadOnlyList<double> L2s { get; init; } = [0, 1e-4, 1e-3, 3e-3];

    /// <summary>Batch sizes to try, each ≥ 1.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [16, 32, 64];

    /// <summary>The number of combinations: the product of the lists' lengths.</summary>
    public long Combinations => (long)Layers.Count * LearningRates.Count * Dropouts.Count * L2s.Count * BatchSizes.Count;

    /// <summary>The settings of combination <paramref name="index"/> applied to <paramref name="baseOptions"/>; the batch size
    /// varies fastest, then L2, dropout, learning rate and layers.</summary>
    /// <param name="baseOptions">The settings that are not tuned.</param>
    /// <param name="index">0 … <see cref="Combinations"/> − 1.</param>
    /// <returns>The options for that combination.</returns>
    public TabularOptions Apply(TabularOptions baseOptions, long index)
    {
        ArgumentNullException.ThrowIfNull(baseOptions);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Combinations);
        int Next(int count)
        {
            int digit = (int)(index % count);
            index /= count;
            return digit;
        }

        int batch = Next(BatchSizes.Count), l2 = Next(L2s.Count), dropout = Next(Dropouts.Count), rate = Next(LearningRates.Count), layers = Next(Layers.Count);
        return baseOptions with
        {
            Layers = Layers[layers],
            LearningRate = LearningRates[rate],
            Dropout = Dropouts[dropout],
            L2 = L2s[l2],
            BatchSize = BatchSizes[batch],
        };
    }

    /// <summary>Checks every list: at least one value each, all in range.</summary>
    /// <exception cref="ArgumentException">An empty list or a value out of range, naming the setting.</exception>
    public void Validate()
    {
        static void Check<T>(IReadOnlyList<T>? values, string name, Func<T, bool> valid, string expected)
        {
            if (values is null || values.Count == 0)
            {
                throw new ArgumentException($"The search space gives no {name} to try; give at least one.", name);
            }

            foreach (T value in values)
            {
                if (!valid(value))
                {
                    throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The search space's {name} include {value}; each must be {expected}."), name);
                }
            }
        }

        Check(Layers, "layers", layers => layers is { Count: > 0 } && layers.All(units => units >= 1), "a non-empty list of sizes ≥ 1");
        Check(LearningRates, "learning rates", rate => double.IsFinite(rate) && rate > 0, "a finite number > 0");
        Check(Dropouts, "dropout rates", rate => rate is >= 0 and < 1, "in [0, 1)");
        Check(L2s, "L2 penalties", l2 => double.IsFinite(l2) && l2 >= 0, "a finite number ≥ 0");
        Check(BatchSizes, "batch sizes", size => size >= 1, "at least 1");
    }
}
