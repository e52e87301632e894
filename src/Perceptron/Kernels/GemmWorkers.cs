using System.Runtime.ExceptionServices;

namespace Perceptron.Kernels;

/// <summary>
/// A tiny persistent pool for the GEMM: background threads that sleep until a product is split over them. The
/// calling thread works too, and every thread claims parts from a shared counter, so a worker that wakes late
/// (descheduled on a busy machine) simply finds its part already done by the caller.
/// </summary>
/// <remarks>
/// One product at a time: a caller that finds the pool busy runs its product on its own thread instead
/// (<see cref="TryRun"/> returns false), so concurrent callers never wait on each other and can never deadlock.
/// Nothing is allocated per call. Which thread computes a part never changes its result.
/// </remarks>
internal static class GemmWorkers
{
    private static readonly Lock Gate = new();
    private static readonly Signal Done = new();
    private static Worker[] _workers = [];
    private static Gemm.BlockedJob _job;

    // The current product's generation (high 32 bits) and next unclaimed part (low 32 bits). Both only grow, so
    // a compare-and-swap on the pair succeeds only while that product is still running: a worker that wakes
    // late can never claim a part of the next product by mistake, nor read a half-written _job.
    private const int Closed = int.MaxValue;
    private static long _claims;
    private static int _parts;
    private static int _remaining;
    private static Exception? _error;

    /// <summary>Runs <paramref name="job"/>'s parts on the pool and the calling thread; false if the pool is busy.</summary>
    public static bool TryRun(in Gemm.BlockedJob job)
    {
        if (!Gate.TryEnter())
        {
            return false;
        }

        try
        {
            int helpers = job.Parts - 1;
            if (_workers.Length < helpers)
            {
                Grow(helpers);
            }

            // Close the claims of the new generation, publish the job, then open them.
            long generation = (Volatile.Read(ref _claims) >> 32) + 1;
            Volatile.Write(ref _claims, (generation << 32) | Closed);
            _job = job;
            _error = null;
            Volatile.Write(ref _parts, job.Parts);
            Volatile.Write(ref _remaining, job.Parts);
            Volatile.Write(ref _claims, generation << 32);
            for (int w = 0; w < helpers; w++)
            {
                _workers[w].Wake();
            }

            // Work until no part is left to claim, then wait for the parts other threads claimed. Always wait:
            // the workers read the caller's pinned spans.
            if (!RunClaimedParts())
            {
                Done.Wait();
            }

            if (_error is { } error)
            {
                ExceptionDispatchInfo.Capture(error).Throw();
            }

            return true;
        }
        finally
        {
            Gate.Exit();
        }
    }

    // Claims and runs parts of the current product; true if this thread finished its last part.
    private static bool RunClaimedParts()
    {
        bool finishedLast = false;
        while (true)
        {
            long claims = Volatile.Read(ref _claims);
            int part = (int)claims;
            if (part >= Volatile.Read(ref _parts))
            {
                return finishedLast;
            }

            if (Interlocked.CompareExchange(ref _claims, claims + 1, claims) != claims)
            {
                continue;
            }

            try
            {
                _job.RunPart(part);
            }
#pragma warning disable CA1031 // the error is handed to the caller, which rethrows it
            catch (Exception e)
#pragma warning restore CA1031
            {
                _error = e;
            }

            finishedLast = Interlocked.Decrement(ref _remaining) == 0;
        }
    }

    private static void Grow(int count)
    {
        var workers = new Worker[count];
        _workers.CopyTo(workers, 0);
        for (int w = _workers.Length; w < count; w++)
        {
            workers[w] = new Worker(w + 1);
        }

        _workers = workers;
    }

    private sealed class Worker
    {
        private readonly Signal _wake = new();

        public Worker(int index)
        {
            // Background: the pool never keeps the process alive.
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Perceptron GEMM worker {index}" };
            thread.Start();
        }

        public void Wake() => _wake.Set();

        private void Loop()
        {
            while (true)
            {
                _wake.Wait();

                // A late wake may find the product finished (no part left) or even a newer one running: claiming
                // through _claims makes both safe, and whoever finishes the last part releases the caller.
                if (RunClaimedParts())
                {
                    Done.Set();
                }
            }
        }
    }

    /// <summary>An auto-reset event that spins briefly before sleeping. Unlike ManualResetEventSlim it allocates
    /// nothing on its first sleep (its monitor object exists from the start), so calls stay allocation-free.</summary>
    private sealed class Signal
    {
        // Spin before sleeping: the next product of a training step usually follows within microseconds, and
        // waking a sleeping thread costs several. SpinWait yields the core after its first few spins.
        private const int SpinIterations = 100;

        private readonly object _monitor = new();
        private volatile bool _set;

        public void Set()
        {
            lock (_monitor)
            {
                _set = true;
                Monitor.Pulse(_monitor);
            }
        }

        public void Wait()
        {
            var spinner = default(SpinWait);
            for (int i = 0; i < SpinIterations && !_set; i++)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            lock (_monitor)
            {
                while (!_set)
                {
                    Monitor.Wait(_monitor);
                }

                _set = false;
            }
        }
    }
}
