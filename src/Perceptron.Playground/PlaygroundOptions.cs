using System.Net;

namespace Perceptron.Playground;

/// <summary>How the playground server listens and what it allows; every property has a safe default.</summary>
public sealed record PlaygroundOptions
{
    /// <summary>The address to listen on; loopback (127.0.0.1) unless the user asks otherwise.</summary>
    public IPAddress Host { get; init; } = IPAddress.Loopback;

    /// <summary>The port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Sessions (browser tabs) alive at once; a new one evicts the least recently seen tab without an open stream.</summary>
    public int MaxSessions { get; init; } = 32;

    /// <summary>Sessions that may train at the same moment: one less than the cores, so the server keeps one.</summary>
    public int TrainingSlots { get; init; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>A session with no open stream and no request for this long is ended.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest CSV upload, in bytes.</summary>
    public long MaxUploadBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Most data rows in an uploaded CSV.</summary>
    public int MaxUploadRows { get; init; } = 50_000;

    /// <summary>Most feature columns in an uploaded CSV (the target not counted).</summary>
    public int MaxUploadFeatures { get; init; } = 100;

    /// <summary>Whether the host is a loopback address (only then are other Host headers refused).</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Host);
}
