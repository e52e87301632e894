namespace Perceptron.Core;

/// <summary>
/// A small, fast, seedable generator (SplitMix64) for shuffling and dropout. Its whole state is one
/// 64-bit number derived from (seed, epoch, stream), so training can restart at any epoch boundary and draw
/// exactly the numbers an uninterrupted run would, with nothing to save but the seed and the epoch.
/// </summary>
internal struct Rng
{
    private ulong _state;

    /// <summary>A generator for one purpose (<paramref name="stream"/>) in one epoch of a seeded run.</summary>
    public Rng(int seed, int epoch, int stream)
    {
        _state = Mix((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ Mix((ulong)(uint)epoch + 0x632BE59BD9B4E019UL) ^ Mix((ulong)(uint)stream * 0xD1B54A32D192ED03UL + 1));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with 24 bits of precision (enough for a float comparison).</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>Uniform integer in [0, <paramref name="bound"/>), without modulo bias (Lemire's method).</summary>
    public int NextInt(int bound)
    {
        ulong product = (ulong)(uint)(NextUInt64() >> 32) * (uint)bound;
        uint low = (uint)product;
        if (low < (uint)bound)
        {
            uint threshold = (uint)-bound % (uint)bound;
            while (low < threshold)
            {
                product = (ulong)(uint)(NextUInt64() >> 32) * (uint)bound;
                low = (uint)product;
            }
        }

        return (int)(product >> 32);
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle(Span<int> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
