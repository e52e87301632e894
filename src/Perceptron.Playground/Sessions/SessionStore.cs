using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Perceptron.Playground.Sessions;

/// <summary>
/// The live sessions: at most <see cref="PlaygroundOptions.MaxSessions"/>, the least recently seen one without an
/// open stream evicted to make room, and every session without a stream ended once idle for
/// <see cref="PlaygroundOptions.IdleTimeout"/>.
/// </summary>
internal sealed class SessionStore : IDisposable
{
    private readonly ConcurrentDictionary<string, PlaygroundSession> _sessions = new(StringComparer.Ordinal);
    private readonly PlaygroundOptions _options;
    private readonly Timer _sweeper;
    private readonly object _createLock = new();

    public SessionStore(PlaygroundOptions options)
    {
        _options = options;
        Slots = new TrainingSlots(options.TrainingSlots);
        TimeSpan every = options.IdleTimeout / 4 < TimeSpan.FromSeconds(15) ? options.IdleTimeout / 4 : TimeSpan.FromSeconds(15);
        _sweeper = new Timer(_ => EndIdle(DateTime.UtcNow), null, every, every);
    }

    /// <summary>The CPU slots the sessions share.</summary>
    public TrainingSlots Slots { get; }

    /// <summary>Sessions alive now.</summary>
    public int Count => _sessions.Count;

    /// <summary>Starts a session, evicting the least recently seen session without an open stream when full.</summary>
    /// <returns>The session, or null when every session has an open tab.</returns>
    public PlaygroundSession? Create(PlaygroundSetup setup)
    {
        lock (_createLock)
        {
            if (_sessions.Count >= _options.MaxSessions)
            {
                var oldest = _sessions.Values.Where(s => s.Listeners == 0).OrderBy(s => s.LastSeenUtc).FirstOrDefault();
                if (oldest is null)
                {
                    return null;
                }

                End(oldest.Id);
            }

            // 128 random bits: a session's id is its only key, so it must not be guessable.
            string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var session = new PlaygroundSession(id, setup, Slots);
            _sessions[id] = session;
            return session;
        }
    }

    /// <summary>The session with this id, marked as seen; null when there is none (ended, evicted, or never was).</summary>
    public PlaygroundSession? Find(string id)
    {
        if (_sessions.TryGetValue(id, out var session))
        {
            session.Touch();
            return session;
        }

        return null;
    }

    /// <summary>Ends a session.</summary>
    public void End(string id)
    {
        if (_sessions.TryRemove(id, out var session))
        {
            session.Dispose();
        }
    }

    /// <summary>A run whose tab has been gone this long stops taking CPU (it is paused; the session lives on until idle).</summary>
    public static TimeSpan PauseUnwatchedAfter { get; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Ends every session that has no open stream and was last seen more than the idle timeout before <paramref name="now"/>,
    /// and pauses the runs of tabs gone for <see cref="PauseUnwatchedAfter"/>.
    /// </summary>
    public void EndIdle(DateTime now)
    {
        foreach (var session in _sessions.Values)
        {
            if (session.Listeners > 0)
            {
                continue;
            }

            if (now - session.LastSeenUtc > _options.IdleTimeout)
            {
                End(session.Id);
            }
            else if (now - session.LastSeenUtc > PauseUnwatchedAfter && session.IsPlaying)
            {
                session.PauseUnwatched();
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _sweeper.Dispose();
        foreach (string id in _sessions.Keys)
        {
            End(id);
        }

        Slots.Dispose();
    }
}
