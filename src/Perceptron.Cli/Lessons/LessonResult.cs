namespace Perceptron.Cli.Lessons;

/// <summary>A lesson's run: the recipes compared and both experiments' results.</summary>
/// <param name="Lesson">The lesson.</param>
/// <param name="Seed">The seed of the data, weights, shuffles and dropout.</param>
/// <param name="Before">The recipe earlier lessons built.</param>
/// <param name="After">The same with the lesson's fix.</param>
/// <param name="Sum">The sum-task experiment.</param>
/// <param name="Real">The real-data experiment.</param>
internal sealed record LessonResult(Lesson Lesson, int Seed, Recipe Before, Recipe After, TaskResult Sum, TaskResult Real)
{
    /// <summary>Both experiments, sum task first.</summary>
    public IReadOnlyList<TaskResult> Tasks => [Sum, Real];

    /// <summary>Every checked number of the run by name ("sum.after.test_metric", …), formatted as printed.</summary>
    public IReadOnlyDictionary<string, string> Facts()
    {
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (TaskResult task in Tasks)
        {
            foreach (LessonRow row in LessonTable.Rows(Lesson, task).Where(row => row.Checked))
            {
                for (int column = 0; column < task.Runs.Count; column++)
                {
                    facts[$"{task.Key}.{LessonTable.ColumnKey(Lesson, column)}.{row.Key}"] = row.Values[column];
                }
            }
        }

        return facts;
    }
}
