namespace Perceptron.Cli.Lessons;

/// <summary>
/// One seed fixes a lesson run; the data and the initial weights come from two streams derived from it, so the first
/// weights are not drawn from the same numbers as the first inputs.
/// </summary>
internal static class LessonSeeds
{
    /// <summary>The seed of the weights (and shuffles and dropout masks) for a lesson's seed; the data use the seed itself.</summary>
    public static int Weights(int seed)
    {
        // SplitMix64's finaliser over (seed, stream 2): nearby seeds give unrelated results.
        ulong z = ((ulong)(uint)seed << 32 | 2u) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
