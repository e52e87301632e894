namespace Perceptron.Kernels;

/// <summary>The kernels' own settings: how many threads one call may use and which variant runs.</summary>
/// <remarks>
/// The kernels read these and nothing above them; <c>Perceptron.Engine</c> is the public face that forwards here.
/// <see cref="Mode"/> starts from the environment variable <see cref="KernelRegistry.EnvironmentVariable"/>, read
/// once, the first time a kernel or a setting is used. Calls already running keep the values they started with.
/// </remarks>
internal static class KernelSettings
{
    /// <summary>The largest accepted <see cref="MaxThreads"/>.</summary>
    public const int MaxThreadsLimit = 256;

    private static int _maxThreads = Environment.ProcessorCount;
    private static int _mode = (int)KernelRegistry.ModeFromEnvironment();

    /// <summary>The most threads one kernel call may use, the calling thread included (1 … <see cref="MaxThreadsLimit"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above <see cref="MaxThreadsLimit"/>.</exception>
    public static int MaxThreads
    {
        get => Volatile.Read(ref _maxThreads);
        set
        {
            if (value < 1 || value > MaxThreadsLimit)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value,
                    $"MaxThreads must be between 1 and {MaxThreadsLimit}; received {value}. Use 1 to run single-threaded, or Environment.ProcessorCount ({Environment.ProcessorCount}) for every core.");
            }

            Volatile.Write(ref _maxThreads, value);
        }
    }

    /// <summary>Which variant runs; <see cref="KernelMode.Auto"/> picks the fastest this machine supports.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="KernelMode"/>.</exception>
    /// <exception cref="NotSupportedException">The variant needs instructions this processor lacks.</exception>
    public static KernelMode Mode
    {
        get => (KernelMode)Volatile.Read(ref _mode);
        set
        {
            KernelRegistry.Validate(value, nameof(value));
            Volatile.Write(ref _mode, (int)value);
        }
    }
}
