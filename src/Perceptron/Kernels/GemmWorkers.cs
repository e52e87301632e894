using System.Runtime.ExceptionServices;

namespace Perceptron.Kernels;

/// <summary>
/// A tiny persistent pool for the GEMM: background threads that sleep until a product is split over them, with
/// the calling thread taking part 0. One product at a time: a caller that finds the pool busy runs its product
/// on its own thread instead (<see cref="TryRun"/> returns false), so concurrent callers never wait on each
/// other and can never deadlock. Nothing is allocated per call.
/// </summary>
internal static class GemmWorkers
{
    private static readonly Lock Gate = new();
    private static readonly Signal Done = new();
    private static Worker[] _workers = [];
    private static Gemm.BlockedJob _job;
    private static int _pending;
    private static Exception? _workerError;

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

            _job = job;
            _workerError = null;
            Volatile.Write(ref _pending, helpers);
            for (int w = 0; w < helpers; w++)
            {
                _workers[w].Start(w + 1);
            }

            Exception? callerError = null;
            try
            {
                job.RunPart(0);
            }
            catch (Exception e)
            {
                callerError = e;
            }

            // Always wait: the workers read the caller's pinned spans.
            Done.Wait();
            if ((callerError ?? _workerError) is { } error)
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
        private int _part;

        public Worker(int index)
        {
            // Background: the pool never keeps the process alive.
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Perceptron GEMM worker {index}" };
            thread.Start();
        }

        public void Start(int part)
        {
            _part = part;
            _wake.Set();
        }

        private void Loop()
        {
            while (true)
            {
                _wake.Wait();
                try
                {
                    _job.RunPart(_part);
                }
#pragma warning disable CA1031 // the error is handed to the caller, which rethrows it
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _workerError = e;
                }

                if (Interlocked.Decrement(ref _pending) == 0)
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
