using System.Diagnostics;
using System.Text.Json;
using Perceptron.Data;
using Perceptron.Playground.Data;
using Perceptron.Playground.Engine;
using Perceptron.Training;
using Perceptron.Training.Callbacks;

namespace Perceptron.Playground.Sessions;

/// <summary>
/// One browser tab's playground: a setup, its data, and a training thread that runs the engine's real <c>Fit</c> loop.
/// The thread stops between mini-batches when paused (a callback waits on a gate), so play, pause and step drive the
/// same loop <c>perceptron train</c> runs. The model is guarded by one lock: the training thread holds it while it
/// trains and lets go whenever it waits (paused, or for its turn on the CPU), and requests read the model under it,
/// so every answer sees one consistent set of weights, between two steps.
/// </summary>
internal sealed partial class PlaygroundSession : IDisposable
{
    /// <summary>Most points kept in the loss history; older ones are thinned out beyond it.</summary>
    public const int MaxHistory = 2000;

    private static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(100);

    private readonly object _lock = new();
    private readonly object _modelLock = new();      // held by whoever reads or trains the model
    private int _modelWaiters;                        // requests waiting for the model
    private long _runsRequested = 1, _runsStarted;    // runs asked for (under _lock) and started (under _modelLock)
    private readonly TrainingSlots _slots;
    private readonly Thread _thread;
    private readonly List<HistoryPoint> _history = [];
    private readonly List<HistoryPoint> _unsent = [];   // recorded since the last frame

    // Guarded by _lock: what the requests ask for.
    private bool _playing, _stopRun, _disposed;
    private int _stepsLeft;
    private PlaygroundSetup? _pendingSetup;
    private CancellationTokenSource _runCancellation = new();

    // Guarded by _lock: what the page sees.
    private byte[] _frame = "{}"u8.ToArray();
    private long _frameVersion;
    private TaskCompletionSource _frameChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _state = "starting";
    private string? _message;
    private long _lastSeenTicks = DateTime.UtcNow.Ticks;
    private int _listeners;

    // Guarded by _modelLock: the run and the model.
    private RunContext? _context;
    private FrameBuilder? _builder;
    private long _step;
    private int _epoch, _run;
    private float[] _before = [], _after = [];
    private bool _hasUpdate, _holdsSlot;
    private readonly Stopwatch _sinceFrame = new(), _sinceSlot = new();

    /// <summary>Creates the session and starts its first run, paused before the first step.</summary>
    public PlaygroundSession(string id, PlaygroundSetup setup, TrainingSlots slots)
    {
        Id = id;
        _slots = slots;
        Setup = setup;
        _pendingSetup = setup;
        _thread = new Thread(Work) { IsBackground = true, Name = "playground " + id[..6] };
        _thread.Start();
    }

    /// <summary>The session's secret identifier (the page keeps it per tab).</summary>
    public string Id { get; }

    /// <summary>The setup of the current (or next) run.</summary>
    public PlaygroundSetup Setup { get; private set; }

    /// <summary>The uploaded table, if any.</summary>
    public TabularDataset? Upload { get; private set; }

    /// <summary>When a request or a stream last showed the tab is there.</summary>
    public DateTime LastSeenUtc => new(Interlocked.Read(ref _lastSeenTicks), DateTimeKind.Utc);

    /// <summary>Streams open to this session.</summary>
    public int Listeners => Volatile.Read(ref _listeners);

    /// <summary>Whether the run is playing (not paused).</summary>
    public bool IsPlaying
    {
        get
        {
            lock (_lock)
            {
                return _playing;
            }
        }
    }

    /// <summary>"starting", "ready", "running", "paused", "finished", "diverged" or "error".</summary>
    public string State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>The message of a failed or stopped run.</summary>
    public string? Message
    {
        get
        {
            lock (_lock)
            {
                return _message;
            }
        }
    }

    /// <summary>Records that the tab is still there.</summary>
    public void Touch() => Interlocked.Exchange(ref _lastSeenTicks, DateTime.UtcNow.Ticks);

    /// <summary>Starts training (or goes on).</summary>
    public void Play() => Command(() => (_playing, _stepsLeft) = (true, 0));

    /// <summary>Stops after the current mini-batch.</summary>
    public void Pause() => Command(() => (_playing, _stepsLeft) = (false, 0));

    /// <summary>Pauses a run nobody watches (its tab was closed), without counting as a sign of the tab.</summary>
    public void PauseUnwatched()
    {
        lock (_lock)
        {
            (_playing, _stepsLeft) = (false, 0);
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Runs <paramref name="count"/> more mini-batches, then pauses.</summary>
    public void Step(int count) => Command(() => (_playing, _stepsLeft) = (false, _stepsLeft + count));

    /// <summary>Ends the current run and starts a fresh one, paused, with <paramref name="setup"/> (or the same setup).</summary>
    public void Reset(PlaygroundSetup? setup = null) => Command(() =>
    {
        Setup = setup ?? Setup;
        _pendingSetup = Setup;
        _runsRequested++;
        _stopRun = true;
        _playing = false;
        _stepsLeft = 0;
        _runCancellation.Cancel();
    });

    /// <summary>Keeps an uploaded table and starts a run on it.</summary>
    public void UseUpload(TabularDataset data, PlaygroundSetup setup)
    {
        lock (_lock)
        {
            Upload = data;
        }

        Reset(setup);
    }

    /// <summary>Runs <paramref name="work"/> on the model between two training steps, with the current run (null if it failed to start).</summary>
    public Task<T> Invoke<T>(Func<RunContext?, T> work)
    {
        Touch();
        long wanted;
        lock (_lock)
        {
            wanted = _runsRequested;
        }

        return Task.Run(() =>
        {
            // Announce the wait, so the training thread lets go of the model after its current step.
            Interlocked.Increment(ref _modelWaiters);
            lock (_modelLock)
            {
                try
                {
                    // After a reset, answer about the new run: wait until it has started (or failed to).
                    while (_runsStarted < wanted && !Volatile.Read(ref _disposed))
                    {
                        Monitor.Wait(_modelLock, TimeSpan.FromMilliseconds(100));
                    }

                    if (Volatile.Read(ref _disposed))
                    {
                        throw new ObjectDisposedException("session", "The session has ended.");
                    }

                    return work(_context);
                }
                finally
                {
                    if (Interlocked.Decrement(ref _modelWaiters) == 0)
                    {
                        Monitor.PulseAll(_modelLock);
                    }
                }
            }
        });
    }

    /// <summary>The latest frame and its version, once it is newer than <paramref name="seen"/>.</summary>
    public async Task<(long Version, byte[] Frame)> NextFrameAsync(long seen, CancellationToken cancellation)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_frameVersion > seen)
                {
                    return (_frameVersion, _frame);
                }

                if (_disposed)
                {
                    throw new ObjectDisposedException("session", "The session has ended.");
                }

                changed = _frameChanged.Task;
            }

            await changed.WaitAsync(cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>The loss history so far.</summary>
    public HistoryPoint[] History()
    {
        lock (_lock)
        {
            return [.. _history];
        }
    }

    /// <summary>Counts a stream as open until the returned object is disposed.</summary>
    public IDisposable Listen()
    {
        Interlocked.Increment(ref _listeners);
        Touch();
        return new Listener(this);
    }

    /// <summary>Ends the run and the training thread.</summary>
    public void Dispose()
    {
        Command(() =>
        {
            _disposed = true;
            _stopRun = true;
            _runCancellation.Cancel();
        });
        lock (_lock)
        {
            _frameChanged.TrySetResult();
        }
    }

    private void Command(Action change)
    {
        Touch();
        lock (_lock)
        {
            if (!_disposed)
            {
                change();
            }

            Monitor.PulseAll(_lock);
        }
    }

    private sealed class Listener(PlaygroundSession session) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                session.Touch();
                Interlocked.Decrement(ref session._listeners);
            }
        }
    }
}
