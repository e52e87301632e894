using System.Buffers;
using System.Text.Json;
using Perceptron.Data;
using Perceptron.Playground.Data;
using Perceptron.Playground.Engine;
using Perceptron.Training;
using Perceptron.Training.Callbacks;

namespace Perceptron.Playground.Sessions;

internal sealed partial class PlaygroundSession
{
    /// <summary>The training thread: one run after another, each paused at the start.</summary>
    private void Work()
    {
        while (true)
        {
            PlaygroundSetup setup;
            CancellationToken cancellation;
            long number;
            lock (_lock)
            {
                while (_pendingSetup is null && !_disposed)
                {
                    Monitor.Wait(_lock);
                }

                if (_disposed)
                {
                    return;
                }

                setup = _pendingSetup!;
                number = _runsRequested;
                _pendingSetup = null;
                _stopRun = false;
                _runCancellation = new CancellationTokenSource();
                cancellation = _runCancellation.Token;
            }

            Monitor.Enter(_modelLock);
            try
            {
                Train(setup, number, cancellation);
            }
            finally
            {
                // However the run ended, requests waiting for it may go on.
                _runsStarted = Math.Max(_runsStarted, number);
                Monitor.PulseAll(_modelLock);
                Monitor.Exit(_modelLock);
            }
        }
    }

    /// <summary>One run, with the model lock held except while it waits.</summary>
    private void Train(PlaygroundSetup setup, long number, CancellationToken cancellation)
    {
        _context = null;
        _builder = null;
        (_step, _epoch, _hasUpdate) = (0, 0, false);
        _run++;
        lock (_lock)
        {
            _history.Clear();
            _unsent.Clear();
        }

        try
        {
            SessionData data = setup.Data == "csv"
                ? SessionData.FromTable(Upload ?? throw new ArgumentException("No CSV file has been uploaded yet; choose one with 'Upload CSV'."), setup)
                : SessionData.FromPlane(setup);
            PreparedData prepared = EngineRun.Prepare(data.Train, data.Test, setup);
            _builder = new FrameBuilder(data, prepared);
            var gate = new Gate(this, setup, data, prepared, number, cancellation);
            EngineRun.Train(data.Train, setup, [gate]);
            bool stopped;
            lock (_lock)
            {
                stopped = _stopRun;
            }

            if (!stopped && _context is not null)
            {
                Publish(_context.Model, gate.StopReason is null ? "finished" : "diverged", gate.StopReason);
            }
        }
        catch (OperationCanceledException)
        {
            // Reset or session end while waiting for a training slot: the next run (if any) starts in Work.
        }
        catch (Exception exception) when (exception is ArgumentException or DataFormatException or InvalidOperationException)
        {
            // Data the network cannot learn from (one class, say): the trainer's own message, in the page.
            PublishError(exception.Message);
            _runsStarted = Math.Max(_runsStarted, number);
            Monitor.PulseAll(_modelLock);
        }
        finally
        {
            ReleaseSlot();
        }
    }

    /// <summary>Waits while paused (the model free for requests); false when the run is to stop.</summary>
    private bool AwaitGo(CancellationToken cancellation)
    {
        ReleaseSlot();
        Monitor.Exit(_modelLock);
        try
        {
            lock (_lock)
            {
                while (!(_stopRun || _disposed) && !(_playing || _stepsLeft > 0))
                {
                    Monitor.Wait(_lock);
                }

                if (_stopRun || _disposed)
                {
                    return false;
                }
            }
        }
        finally
        {
            Monitor.Enter(_modelLock);
        }

        return AcquireSlot(cancellation);
    }

    /// <summary>Waits for a training slot (the model free for requests meanwhile); false when the run is to stop.</summary>
    private bool AcquireSlot(CancellationToken cancellation)
    {
        Monitor.Exit(_modelLock);
        try
        {
            _slots.Acquire(cancellation);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            Monitor.Enter(_modelLock);
        }

        _holdsSlot = true;
        _sinceSlot.Restart();
        return true;
    }

    /// <summary>Between two steps, lets the requests that wait for the model have it (a lock is not fair on its own).</summary>
    private void ServeWaitingRequests()
    {
        // A run being replaced goes on to its end instead: the waiting requests are about the next run.
        while (Volatile.Read(ref _modelWaiters) > 0 && !Volatile.Read(ref _stopRun))
        {
            Monitor.Wait(_modelLock, TimeSpan.FromMilliseconds(20));
        }
    }

    private void ReleaseSlot()
    {
        if (_holdsSlot)
        {
            _holdsSlot = false;
            _slots.Release();
        }
    }

    /// <summary>Builds a frame from the model and hands it to the streams; adds a point to the loss history.</summary>
    private void Publish(Sequential<float> model, string state, string? message = null)
    {
        Scores scores = _builder!.Score(model);
        Record(new HistoryPoint(_step, _epoch, scores.TrainLoss, scores.TestLoss));
        var buffer = new ArrayBufferWriter<byte>(16_384);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("run", _run);
            json.WriteString("state", state);
            if (message is not null)
            {
                json.WriteString("message", message);
            }

            json.WriteNumber("epoch", _epoch);
            json.WriteNumber("step", _step);
            WritePoints(json);
            _builder.Write(json, model, scores);
            json.WriteEndObject();
        }

        SetFrame(buffer.WrittenSpan.ToArray(), state, message);
        _sinceFrame.Restart();
    }

    /// <summary>Adds a point to the loss history and to the points the next frame carries.</summary>
    private void Record(HistoryPoint point)
    {
        lock (_lock)
        {
            if (_history.Count > 0 && _history[^1].Step == point.Step)
            {
                return;
            }

            if (_history.Count >= MaxHistory)
            {
                // Keep the whole run in view with bounded memory: drop every other point.
                for (int i = _history.Count - 1; i > 0; i -= 2)
                {
                    _history.RemoveAt(i);
                }
            }

            _history.Add(point);
            if (_unsent.Count < MaxHistory)
            {
                _unsent.Add(point);
            }
        }
    }

    /// <summary>Whether an epoch gets a point of its own on the curves: every epoch at first, then about a hundred per tenfold.</summary>
    private static bool RecordEpoch(int epoch) => epoch <= 100 || epoch % (epoch / 100) == 0;

    private void PublishError(string message)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("run", _run);
            json.WriteString("state", "error");
            json.WriteString("message", message);
            json.WriteEndObject();
        }

        SetFrame(buffer.WrittenSpan.ToArray(), "error", message);
    }

    /// <summary>The loss points recorded since the last frame: [step, epoch, train, test] each.</summary>
    private void WritePoints(Utf8JsonWriter json)
    {
        json.WriteStartArray("points");
        lock (_lock)
        {
            foreach (var point in _unsent)
            {
                json.WriteStartArray();
                json.WriteNumberValue(point.Step);
                json.WriteNumberValue(point.Epoch);
                json.WriteNumberValue(Math.Round(point.Train, 6));
                json.WriteNumberValue(Math.Round(point.Test, 6));
                json.WriteEndArray();
            }

            _unsent.Clear();
        }

        json.WriteEndArray();
    }

    private void SetFrame(byte[] frame, string state, string? message)
    {
        lock (_lock)
        {
            _frame = frame;
            _frameVersion++;
            _state = state;
            _message = message;
            _frameChanged.TrySetResult();
            _frameChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The callback in the engine's Fit loop: records each step, publishes frames and waits while paused.</summary>
    private sealed class Gate(PlaygroundSession session, PlaygroundSetup setup, SessionData data, PreparedData prepared, long number, CancellationToken cancellation) : Callback
    {
        public string? StopReason { get; private set; }

        public override void OnTrainBegin(ITrainingModel model, int epochs, int batchesPerEpoch)
        {
            var network = (Sequential<float>)model;
            session._before = new float[network.ParameterCount];
            session._after = network.Parameters.ToArray();
            session._context = new RunContext(setup, data, prepared, network);
            session._runsStarted = number;
            Monitor.PulseAll(session._modelLock);
            session.Publish(network, "ready");
            if (!session.AwaitGo(cancellation))
            {
                model.StopTraining = true;
                return;
            }

            session.SetState("running");
        }

        public override void OnBatchEnd(ITrainingModel model, in BatchProgress progress)
        {
            var network = (Sequential<float>)model;
            session._step++;

            // The last update: parameters after this step minus after the previous one (one copy per step).
            (session._before, session._after) = (session._after, session._before);
            network.Parameters.CopyTo(session._after);
            session._hasUpdate = true;
            session.ServeWaitingRequests();
            bool pause;
            lock (session._lock)
            {
                if (session._stopRun || session._disposed)
                {
                    model.StopTraining = true;
                    return;
                }

                if (session._stepsLeft > 0)
                {
                    session._stepsLeft--;
                }

                pause = !session._playing && session._stepsLeft == 0;
            }

            if (pause)
            {
                session.Publish(network, "paused");
                if (!session.AwaitGo(cancellation))
                {
                    model.StopTraining = true;
                    return;
                }

                session.SetState("running");
            }
            else if (session._sinceFrame.Elapsed >= FrameInterval)
            {
                session.Publish(network, "running");
            }

            if (session._sinceSlot.Elapsed >= TrainingSlots.Slice)
            {
                // Take turns with the other sessions that are playing.
                session.ReleaseSlot();
                Thread.Yield();
                if (!session.AcquireSlot(cancellation))
                {
                    model.StopTraining = true;
                }
            }
        }

        public override void OnEpochEnd(ITrainingModel model, EpochResult epoch)
        {
            session._epoch = epoch.Epoch;
            if (RecordEpoch(epoch.Epoch))
            {
                Scores scores = session._builder!.Score((Sequential<float>)model);
                session.Record(new HistoryPoint(session._step, epoch.Epoch, scores.TrainLoss, scores.TestLoss));
            }
        }

        public override void OnTrainEnd(ITrainingModel model, History history) => StopReason = history.Diverged ? history.StopReason : null;
    }

    private void SetState(string state)
    {
        lock (_lock)
        {
            _state = state;
        }
    }

    /// <summary>The last step's change of every parameter (under the model lock).</summary>
    internal float[]? LastUpdate()
    {
        if (!_hasUpdate)
        {
            return null;
        }

        var update = new float[_after.Length];
        for (int i = 0; i < update.Length; i++)
        {
            update[i] = _after[i] - _before[i];
        }

        return update;
    }

    /// <summary>Steps taken in the current run (under the model lock).</summary>
    internal long Steps => _step;

    /// <summary>Epochs completed in the current run (under the model lock).</summary>
    internal int Epochs => _epoch;
}
