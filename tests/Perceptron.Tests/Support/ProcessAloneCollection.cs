namespace Perceptron.Tests.Support;

/// <summary>
/// Tests that need the test process to themselves, which xunit runs after all others, one at a time: those that
/// change the process-wide <see cref="Engine"/> settings (every test running beside them would switch kernels
/// mid-way), and allocation measurements (a concurrent test's product would find the GEMM pool busy and move this
/// test's product onto its own thread, a path its warm-up may not have taken).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessAloneCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "needs the process alone";
}
