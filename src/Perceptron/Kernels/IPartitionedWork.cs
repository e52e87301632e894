namespace Perceptron.Kernels;

/// <summary>
/// Work split into parts that may run in any order, on any thread: each part writes only its own share of any
/// output. <see cref="Run"/> spreads the parts over the GEMM's threads (<see cref="GemmWorkers"/>).
/// </summary>
internal interface IPartitionedWork
{
    /// <summary>Does part <paramref name="part"/>.</summary>
    void RunPart(int part);

    /// <summary>Runs parts 0 to <paramref name="parts"/> - 1 of <paramref name="work"/>: on the pool when there is
    /// more than one and the pool is free, else one after another on the calling thread (same result either way).</summary>
    static void Run(IPartitionedWork work, int parts)
    {
        if (parts > 1 && GemmWorkers.TryRun(work, parts))
        {
            return;
        }

        for (int part = 0; part < parts; part++)
        {
            work.RunPart(part);
        }
    }
}
