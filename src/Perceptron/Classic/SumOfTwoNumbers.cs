namespace Perceptron.Classic;

/// <summary>
/// The original demo's task: learn a + b from pairs drawn uniformly from [0, 0.5), so that every sum lies in
/// [0, 1), the range of the sigmoid output.
/// </summary>
/// <remarks>
/// One seed fixes a whole run, but the data and the initial weights come from two separate streams derived from
/// it (<see cref="DataSeed"/>, <see cref="WeightSeed"/>). With one stream for both, the first weights would be
/// drawn from the same numbers as the first inputs (each weight exactly twice an input), a coincidence a learner
/// could mistake for something the network does.
/// </remarks>
/// <example>
/// <code>
/// var (inputs, targets) = SumOfTwoNumbers.Generate(samples: 5000, seed: 42);
/// var mlp = new MultilayerPerceptron(2, [5], 1, seed: SumOfTwoNumbers.WeightSeed(42));
/// mlp.Train(inputs, targets, epochs: 100, learningRate: 0.1);
/// </code>
/// </example>
public static class SumOfTwoNumbers
{
    /// <summary>Random pairs in [0, 0.5) and their sums, drawn from <see cref="DataSeed"/>(<paramref name="seed"/>).</summary>
    /// <param name="samples">Number of pairs, ≥ 1.</param>
    /// <param name="seed">The run's seed.</param>
    /// <returns>The inputs (pairs) and targets (one sum each).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> &lt; 1.</exception>
    public static (double[][] Inputs, double[][] Targets) Generate(int samples, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        var random = new Random(DataSeed(seed));
        var inputs = new double[samples][];
        var targets = new double[samples][];
        for (int i = 0; i < samples; i++)
        {
            // items = [[random() / 2 for _ in range(2)] ...], targets = [[i[0] + i[1]] ...]
            inputs[i] = [random.NextDouble() / 2, random.NextDouble() / 2];
            targets[i] = [inputs[i][0] + inputs[i][1]];
        }

        return (inputs, targets);
    }

    /// <summary>The seed of the data stream for a run's seed.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <returns>A seed for <see cref="Random"/>, different from <see cref="WeightSeed"/>.</returns>
    public static int DataSeed(int seed) => StreamSeed(seed, stream: 1);

    /// <summary>The seed of the weight stream for a run's seed (pass it to the network's constructor).</summary>
    /// <param name="seed">The run's seed.</param>
    /// <returns>A seed for <see cref="Random"/>, different from <see cref="DataSeed"/>.</returns>
    public static int WeightSeed(int seed) => StreamSeed(seed, stream: 2);

    /// <summary>SplitMix64's finaliser over (seed, stream): nearby seeds and streams give unrelated results.</summary>
    private static int StreamSeed(int seed, int stream)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)stream) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
