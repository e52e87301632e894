namespace Perceptron.Playground.Tests.Support;

/// <summary>A playground server on a free loopback port, shared by the tests of a class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private PlaygroundHost? _host;

    /// <summary>The running server.</summary>
    public PlaygroundHost Host => _host ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>An HTTP client for the server.</summary>
    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await PlaygroundServer.StartAsync(new PlaygroundOptions());
        Http = new HttpClient { BaseAddress = _host.Url, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
