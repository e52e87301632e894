namespace Perceptron.Playground.Sessions;

/// <summary>
/// Bounds the CPU that training takes: a session trains only while it holds a slot, and gives it back at least every
/// <see cref="Slice"/> so the sessions that are playing take turns and the web server keeps a core.
/// </summary>
/// <param name="slots">How many sessions may train at the same moment.</param>
internal sealed class TrainingSlots(int slots) : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(Math.Max(1, slots), Math.Max(1, slots));

    /// <summary>Longest stretch of training on one slot before it is handed on.</summary>
    public static TimeSpan Slice { get; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The number of slots.</summary>
    public int Count { get; } = Math.Max(1, slots);

    /// <summary>Waits for a slot.</summary>
    /// <exception cref="OperationCanceledException">The run was stopped while waiting.</exception>
    public void Acquire(CancellationToken cancellation) => _semaphore.Wait(cancellation);

    /// <summary>Gives a slot back.</summary>
    public void Release() => _semaphore.Release();

    /// <inheritdoc/>
    public void Dispose() => _semaphore.Dispose();
}
