namespace Perceptron.Repository.Tests.Support;

/// <summary>
/// Tests that change process-wide state (the console, the current folder) while they run: xunit runs this
/// collection on its own, after the others.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessAloneCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "needs the process alone";
}
