namespace Perceptron.Cli;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler on the reporting thread, in order.
/// (<see cref="Progress{T}"/> posts to the thread pool when there is no synchronization context, so
/// reports could arrive late or out of order.)
/// </summary>
internal sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
