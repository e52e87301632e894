using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Perceptron.Kernels;

/// <summary>
/// A tiny persistent pool for the GEMM: background threads that sleep until a product is split over them. The
/// calling thread works too, and every thread claims parts from a shared counter, so a worker that wakes late
/// (descheduled on a busy machine) simply finds its part already done by the caller. The training step also runs its
/// element-wise passes over the parameters here (<see cref="IPartitionedWork"/>), so that each core updates the rows
/// of the weights whose gradients it has just computed, while they are still in its cache.
/// </summary>
/// <remarks>
/// One product at a time: a caller that finds the pool busy runs its product on its own thread instead
/// (<see cref="TryRun(in Gemm.BlockedJob)"/> returns false), so concurrent callers never wait on each other and can never deadlock.
/// Nothing is allocated per call. Which thread computes a part never changes its result.
/// </remarks>
internal static class GemmWorkers
{
    /// <summary>The environment variable that makes the threads spin (pause instructions, the core kept) for that many
    /// microseconds before sleeping when they wait for work, instead of the default brief spin: waking a sleeping
    /// thread costs tens of microseconds, as much as half of a batch-64 product, but a longer spin measured slower in
    /// training on a 2-vCPU VM. A tuning knob, like OpenMP's GOMP_SPINCOUNT; benchmarks/threading.sh measures it.</summary>
    internal const string SpinVariable = "PERCEPTRON_GEMM_SPIN_US";

    // Stopwatch ticks to spin before sleeping, or -1 for the default brief spin.
    private static readonly long SpinTicks = ReadSpinTicks();

    private static readonly Lock Gate = new();
    private static readonly Signal Done = new();
    private static Worker[] _workers = [];
    private static Gemm.BlockedJob _job;
    private static IPartitionedWork? _work; // when set, the parts are this work's instead of _job's

    // The current product's generation (high 32 bits) and next unclaimed part (low 32 bits). Both only grow, so
    // a compare-and-swap on the pair succeeds only while that product is still running: a worker that wakes
    // late can never claim a part of the next product by mistake, nor read a half-written _job.
    private const int Closed = int.MaxValue;
    private static long _claims;
    private static int _parts;
    private static int _remaining;
    private static Exception? _error;

    /// <summary>Runs <paramref name="job"/>'s parts on the pool and the calling thread; false if the pool is busy.</summary>
    public static bool TryRun(in Gemm.BlockedJob job) => TryRun(in job, null, job.Parts);

    /// <summary>Runs parts 0 to <paramref name="parts"/> - 1 of <paramref name="work"/> on the pool and the calling
    /// thread; false if the pool is busy.</summary>
    public static bool TryRun(IPartitionedWork work, int parts) => TryRun(default, work, parts);

    private static bool TryRun(in Gemm.BlockedJob job, IPartitionedWork? work, int parts)
    {
        if (!Gate.TryEnter())
        {
            return false;
        }

        try
        {
            int helpers = parts - 1;
            if (_workers.Length < helpers)
            {
                Grow(helpers);
            }

            // Close the claims of the new generation, publish the job, then open them.
            long generation = (Volatile.Read(ref _claims) >> 32) + 1;
            Volatile.Write(ref _claims, (generation << 32) | Closed);
            _job = job;
            _work = work;
            _error = null;
            Volatile.Write(ref _parts, parts);
            Volatile.Write(ref _remaining, parts);
            Volatile.Write(ref _claims, generation << 32);
            for (int w = 0; w < helpers; w++)
            {
                _workers[w].Wake();
            }

            // Work until no part is left to claim, then wait for the parts other threads claimed. Always wait:
            // the workers read the caller's pinned spans.
            if (!RunClaimedParts())
            {
                Done.Wait(SpinTicks);
            }

            if (_error is { } error)
            {
                ExceptionDispatchInfo.Capture(error).Throw();
            }

            return true;
        }
        finally
        {
            _work = null; // do not keep the caller's buffers alive
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
                if (_work is { } work)
                {
                    work.RunPart(part);
                }
                else
                {
                    _job.RunPart(part);
                }
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

    private static long ReadSpinTicks()
    {
        string? value = Environment.GetEnvironmentVariable(SpinVariable);
        return int.TryParse(value, out int microseconds) && microseconds >= 0 ? Stopwatch.Frequency * microseconds / 1_000_000 : -1;
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
                _wake.Wait(SpinTicks);

                // A late wake may find the product finished (no part left) or even a newer one running: claiming
                // through _claims makes both safe, and whoever finishes the last part releases the caller.
                if (RunClaimedParts())
                {
                    Done.Set();
                }
            }
        }
    }

    /// <summary>An auto-reset event that spins for a while before sleeping. Unlike ManualResetEventSlim it allocates
    /// nothing on its first sleep (its monitor object exists from the start), so calls stay allocation-free.</summary>
    private sealed class Signal
    {
        private const int DefaultSpinIterations = 100;

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

        /// <summary>Waits until set. With <paramref name="spinTicks"/> ≥ 0, spins (pause instructions, the core is not
        /// given away) for up to that many <see cref="Stopwatch"/> ticks before sleeping; with -1, spins briefly
        /// (SpinWait, which soon yields the core): the next product of a training step usually follows within
        /// microseconds, and waking a sleeping thread costs several.</summary>
        public void Wait(long spinTicks)
        {
            if (spinTicks < 0)
            {
                var spinner = default(SpinWait);
                for (int i = 0; i < DefaultSpinIterations && !_set; i++)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }
            }
            else if (!_set)
            {
                long deadline = Stopwatch.GetTimestamp() + spinTicks;
                while (!_set && Stopwatch.GetTimestamp() < deadline)
                {
                    Thread.SpinWait(4);
                }
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
