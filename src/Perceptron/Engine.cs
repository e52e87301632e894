using Perceptron.Kernels;

namespace Perceptron;

/// <summary>Process-wide settings of the engine's kernels: how many threads they may use and which variant runs.</summary>
/// <remarks>
/// Threads live inside the kernels only: a large matrix product is split over C's row or column blocks and
/// run on a small pool of background threads, with the calling thread taking one share. Results are bit-identical
/// whatever <see cref="MaxThreads"/> is. The environment variable <c>PERCEPTRON_KERNEL</c>
/// (<c>Reference</c>, <c>Vector128</c>, <c>Vector256</c> or <c>Vector512</c>), read once at startup, sets the initial
/// <see cref="KernelMode"/>. Both settings may be changed at any time; calls already running keep the values
/// they started with. This class only forwards to the kernels' own settings, so the kernels depend on nothing above them.
/// </remarks>
public static class Engine
{
    /// <summary>The largest accepted <see cref="MaxThreads"/>.</summary>
    public const int MaxThreadsLimit = KernelSettings.MaxThreadsLimit;

    /// <summary>The most threads one kernel call may use, the calling thread included.</summary>
    /// <remarks>Defaults to <see cref="Environment.ProcessorCount"/>. Set it to 1 to keep every kernel on the calling thread.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above <see cref="MaxThreadsLimit"/>.</exception>
    public static int MaxThreads
    {
        get => KernelSettings.MaxThreads;
        set => KernelSettings.MaxThreads = value;
    }

    /// <summary>Which kernel variant runs; <see cref="KernelMode.Auto"/> (the default) picks the fastest this machine supports.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="Kernels.KernelMode"/>.</exception>
    /// <exception cref="NotSupportedException">The variant needs instructions this processor lacks (e.g. <see cref="KernelMode.Vector512"/> without AVX-512).</exception>
    public static KernelMode KernelMode
    {
        get => KernelSettings.Mode;
        set => KernelSettings.Mode = value;
    }
}
