namespace Perceptron.Data;

/// <summary>Which part of a streamed file a row belongs to.</summary>
internal enum RowRole
{
    Train,
    Validation,
    Test,
}

/// <summary>
/// Holds rows out of a file too large to store, by a seeded hash of each row's number: the same rows every pass and
/// every run with the same seed, without keeping a list. Row numbers count the data rows that have a target, from 0.
/// </summary>
/// <remarks>
/// A row is a test row when u₀ &lt; the test fraction, and otherwise a validation row when u₁ &lt; the validation
/// fraction (a fraction of the rows left for training, as <see cref="Tabular.TabularOptions.ValidationSplit"/> is), where
/// u₀ and u₁ are two uniform numbers in [0, 1) from SplitMix64 of (seed, row). The parts' sizes are therefore binomial:
/// about, not exactly, the fractions asked for.
/// </remarks>
internal static class HashedSplit
{
    public static RowRole Of(long row, int seed, double testFraction, double validationFraction)
    {
        if (testFraction > 0 && Uniform(row, seed, 0) < testFraction)
        {
            return RowRole.Test;
        }

        return validationFraction > 0 && Uniform(row, seed, 1) < validationFraction ? RowRole.Validation : RowRole.Train;
    }

    /// <summary>A uniform number in [0, 1) with 53 random bits, from (row, seed, salt).</summary>
    private static double Uniform(long row, int seed, int salt)
    {
        ulong z = Mix((ulong)row * 0x9E3779B97F4A7C15UL ^ Mix((ulong)(uint)seed + 0x632BE59BD9B4E019UL + (ulong)salt * 0xD1B54A32D192ED03UL));
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
