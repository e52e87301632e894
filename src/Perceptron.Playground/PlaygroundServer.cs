using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Perceptron.Playground.Sessions;
using Perceptron.Playground.Web;

namespace Perceptron.Playground;

/// <summary>Starts the playground: a local web server that serves the page and trains one engine model per browser tab.</summary>
/// <example><code>
/// await using PlaygroundHost host = await PlaygroundServer.StartAsync(new PlaygroundOptions());
/// Console.WriteLine(host.Url);
/// await host.WaitForShutdownAsync(cancellation);
/// </code></example>
public static class PlaygroundServer
{
    /// <summary>Starts listening and returns once the server accepts requests.</summary>
    /// <param name="options">Address, port and limits.</param>
    /// <param name="cancellation">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop.</returns>
    /// <exception cref="IOException">The port is taken or the address cannot be bound (the message says which).</exception>
    public static async Task<PlaygroundHost> StartAsync(PlaygroundOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(PlaygroundServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxUploadBytes + 64 * 1024;
            kestrel.Listen(options.Host, options.Port);
        });
        builder.Services.AddRoutingCore();

        var sessions = new SessionStore(options);
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            SecurityHeaders.Apply(context);
            if (options.IsLoopback && !SecurityHeaders.IsAllowedHost(context.Request.Host))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("This server answers only to localhost and 127.0.0.1.");
                return;
            }

            try
            {
                await next(context);
            }
            catch (Exception exception) when (!context.Response.HasStarted && exception is not OperationCanceledException)
            {
                // Not the page's fault: still one sentence, never a stack trace.
                context.Response.Clear();
                SecurityHeaders.Apply(context);
                await ApiError.Of(StatusCodes.Status500InternalServerError, $"Unexpected error: {exception.Message}").ExecuteAsync(context);
            }
        });
        app.UseRouting();
        app.MapGet("/", () => StaticAssets.Serve("index.html"));
        foreach (string name in StaticAssets.Names)
        {
            app.MapGet("/" + name, () => StaticAssets.Serve(name));
        }

        app.MapGet("/source/{file}", (string file) => SourceViewer.Serve(file));
        ApiEndpoints.Map(app, sessions, options);

        try
        {
            await app.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            sessions.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            string port = options.Port == 0 ? "a free port" : $"port {options.Port}";
            throw new IOException($"Cannot listen on {options.Host} at {port}: {exception.Message}", exception);
        }

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "[::1]", StringComparison.Ordinal) + "/");
        return new PlaygroundHost(app, sessions, url);
    }
}
