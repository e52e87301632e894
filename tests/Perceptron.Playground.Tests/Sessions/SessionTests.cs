using Perceptron.Playground.Sessions;
using Perceptron.Playground.Tests.Support;

namespace Perceptron.Playground.Tests.Sessions;

/// <summary>Sessions: stepping counts mini-batches exactly, the store stays within its limits, idle sessions end.</summary>
public class SessionTests
{
    private static readonly TimeSpan HangGuard = PlaygroundApi.HangGuard;

    [Fact]
    public async Task Step_RunsExactlyThatManyMiniBatches_ThenPauses()
    {
        using var slots = new TrainingSlots(1);
        using var session = new PlaygroundSession("0123456789abcdef", new PlaygroundSetup(), slots);
        Assert.Equal(0, await StepsWhenPausedAsync(session, "ready"));
        session.Step(3);
        Assert.Equal(3, await StepsWhenPausedAsync(session, "paused", expected: 3));
        session.Step(1);
        Assert.Equal(4, await StepsWhenPausedAsync(session, "paused", expected: 4));
    }

    [Fact]
    public async Task PlayThenPause_StopsBetweenMiniBatches_AndResetStartsAFreshRun()
    {
        using var slots = new TrainingSlots(1);
        using var session = new PlaygroundSession("0123456789abcdef", new PlaygroundSetup(), slots);
        await StepsWhenPausedAsync(session, "ready");
        session.Play();
        await WaitAsync(() => session.History().Length > 2 && session.State == "running");
        session.Pause();
        long paused = await StepsWhenPausedAsync(session, "paused");
        Assert.True(paused > 0);
        Assert.Equal(paused, await session.Invoke(_ => session.Steps));

        session.Reset(new PlaygroundSetup { Layers = [2, 2] });
        Assert.Equal(0, await StepsWhenPausedAsync(session, "ready"));
        Assert.Equal(3, await session.Invoke(context => context!.Model.Layers.Count));
        Assert.Single(session.History());
    }

    [Fact]
    public async Task Finished_WhenTheEpochsAreDone_AndWorkStillRuns()
    {
        using var slots = new TrainingSlots(1);
        using var session = new PlaygroundSession("0123456789abcdef", new PlaygroundSetup { Epochs = 2 }, slots);
        session.Play();
        await WaitAsync(() => session.State == "finished");
        Assert.Equal(2, await session.Invoke(_ => session.Epochs));
        Assert.Equal(50, await session.Invoke(_ => session.Steps)); // 250 training rows, batches of 10, 2 epochs
    }

    [Fact]
    public async Task Dispose_WhilePlaying_EndsTheThread_AndFailsWaitingWork()
    {
        using var slots = new TrainingSlots(1);
        var session = new PlaygroundSession("0123456789abcdef", new PlaygroundSetup(), slots);
        session.Play();
        await WaitAsync(() => session.State == "running");
        session.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.Invoke(_ => 1));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.NextFrameAsync(long.MaxValue, CancellationToken.None));
    }

    [Fact]
    public void Store_EvictsTheLeastRecentlySeenIdleSession_AndRefusesWhenEveryTabIsOpen()
    {
        using var store = new SessionStore(new PlaygroundOptions { MaxSessions = 2 });
        var first = store.Create(new PlaygroundSetup())!;
        var second = store.Create(new PlaygroundSetup())!;
        Thread.Sleep(20);
        second.Touch();
        var third = store.Create(new PlaygroundSetup())!;
        Assert.Null(store.Find(first.Id));
        Assert.NotNull(store.Find(second.Id));
        Assert.Equal(2, store.Count);

        using var a = second.Listen();
        using var b = third.Listen();
        Assert.Null(store.Create(new PlaygroundSetup()));
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void Store_EndsIdleSessions_ButNotThoseWithAnOpenStream()
    {
        var options = new PlaygroundOptions { IdleTimeout = TimeSpan.FromMinutes(5) };
        using var store = new SessionStore(options);
        var idle = store.Create(new PlaygroundSetup())!;
        var watched = store.Create(new PlaygroundSetup())!;
        using var stream = watched.Listen();
        store.EndIdle(DateTime.UtcNow + TimeSpan.FromMinutes(6));
        Assert.Null(store.Find(idle.Id));
        Assert.NotNull(store.Find(watched.Id));
    }

    [Fact]
    public async Task Store_PausesTheRunOfATabThatIsGone()
    {
        using var store = new SessionStore(new PlaygroundOptions());
        var gone = store.Create(new PlaygroundSetup())!;
        gone.Play();
        await WaitAsync(() => gone.State == "running");
        store.EndIdle(DateTime.UtcNow + SessionStore.PauseUnwatchedAfter + TimeSpan.FromSeconds(1));
        await WaitAsync(() => gone.State == "paused");
        Assert.NotNull(store.Find(gone.Id));
    }

    [Fact]
    public void Ids_AreLongAndRandom()
    {
        using var store = new SessionStore(new PlaygroundOptions());
        string[] ids = [.. Enumerable.Range(0, 5).Select(_ => store.Create(new PlaygroundSetup())!.Id)];
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    /// <summary>Waits for the state, and (if given) for the step count, then returns the steps taken.</summary>
    private static async Task<long> StepsWhenPausedAsync(PlaygroundSession session, string state, long? expected = null)
    {
        long steps = -1;
        await WaitAsync(() => session.State == state && (expected is null || (steps = session.Invoke(_ => session.Steps).Result) == expected));
        return await session.Invoke(_ => session.Steps);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < HangGuard, "The condition did not come true.");
            await Task.Delay(20);
        }
    }
}
