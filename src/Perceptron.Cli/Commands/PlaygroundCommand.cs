using System.CommandLine;
using System.Diagnostics;
using System.Net;
using Perceptron.Playground;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary><c>perceptron playground</c>: serves the playground page on this computer until Ctrl+C.</summary>
internal static class PlaygroundCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var host = new Option<string>("--host") { Description = "Address to listen on. The default 127.0.0.1 lets only this computer in; anything else exposes the playground to the network.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = Options.Int("--port", "Port to listen on (default: a free one).", 0, minimum: 0);
        var open = new Option<bool>("--open") { Description = "Open the page in the default browser." };
        var command = new Command("playground", "Train a network live in your browser: pick data, layers and settings, watch every unit learn, inspect its numbers, download the model.")
        {
            host, port, open,
        };
        command.SetAction((parsed, cancellation) => RunAsync(console, parsed.GetValue(host)!, parsed.GetValue(port), parsed.GetValue(open), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, string hostText, int port, bool open, CancellationToken cancellation)
    {
        if (port > 65_535)
        {
            throw new UserException($"--port must be 0..65535; got {port}.", CliApp.Usage);
        }

        IPAddress address = hostText == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(hostText, out var parsed) ? parsed
            : throw new UserException($"--host must be an IP address such as 127.0.0.1 or 0.0.0.0; got '{hostText}'.", CliApp.Usage);
        await using PlaygroundHost server = await PlaygroundServer.StartAsync(new PlaygroundOptions { Host = address, Port = port }, cancellation);
        if (!IPAddress.IsLoopback(address))
        {
            console.MarkupLine($"[yellow]Warning:[/] listening on {Markup.Escape(address.ToString())}: anyone who can reach this computer can use the playground and its CPU. Use the default 127.0.0.1 unless you mean to share it.");
        }

        console.MarkupLine($"Perceptron playground: [bold link]{server.Url}[/]");
        console.MarkupLine("[grey]Press Ctrl+C to stop.[/]");
        if (open)
        {
            OpenBrowser(console, server.Url);
        }

        await server.WaitForShutdownAsync(cancellation);
        return CliApp.Ok;
    }

    private static void OpenBrowser(IAnsiConsole console, Uri url)
    {
        try
        {
            using var browser = Process.Start(new ProcessStartInfo(url.ToString()) { UseShellExecute = true });
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            console.MarkupLine($"[yellow]Could not open a browser ({Markup.Escape(exception.Message)}); open the address above yourself.[/]");
        }
    }
}
