namespace Perceptron.Cli.Lessons;

/// <summary>One experiment of a lesson: its data, settings and every variant's result, columns in order.</summary>
/// <param name="Key">"sum" or "real", the first part of the fact names.</param>
/// <param name="Task">The settings.</param>
/// <param name="Data">The rows trained and tested on.</param>
/// <param name="Runs">before, after, then the extra variants.</param>
internal sealed record TaskResult(string Key, LessonTask Task, LessonData Data, IReadOnlyList<RunResult> Runs)
{
    /// <summary>The "before" run.</summary>
    public RunResult Before => Runs[0];

    /// <summary>The "after" run.</summary>
    public RunResult After => Runs[1];

    /// <summary>The network's shape, e.g. "2-5-1".</summary>
    public string Shape => string.Join('-', [Data.Inputs, .. Task.Hidden, Data.IsClassification ? Data.Classes : 1]);
}
