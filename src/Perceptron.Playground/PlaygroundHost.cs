using Microsoft.AspNetCore.Builder;
using Perceptron.Playground.Sessions;

namespace Perceptron.Playground;

/// <summary>A running playground server.</summary>
public sealed class PlaygroundHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal PlaygroundHost(WebApplication app, SessionStore sessions, Uri url)
    {
        _app = app;
        Sessions = sessions;
        Url = url;
    }

    /// <summary>The page's address, e.g. http://127.0.0.1:5123/.</summary>
    public Uri Url { get; }

    /// <summary>Sessions (browser tabs) alive now.</summary>
    public int SessionCount => Sessions.Count;

    /// <summary>The live sessions.</summary>
    internal SessionStore Sessions { get; }

    /// <summary>Waits until <paramref name="cancellation"/> is cancelled or the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    /// <param name="cancellation">Ends the wait.</param>
    /// <returns>A task that completes on cancellation.</returns>
    public async Task WaitForShutdownAsync(CancellationToken cancellation)
    {
        // The web host takes over Ctrl+C and SIGTERM to stop gracefully, so its stopping signal ends the wait too.
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _app.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop: the caller disposes.
        }
    }

    /// <summary>Stops the server and ends every session.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        Sessions.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
