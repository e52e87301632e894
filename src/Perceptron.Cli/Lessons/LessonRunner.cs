namespace Perceptron.Cli.Lessons;

/// <summary>Runs a lesson: the before and after recipes (and any variants) on both experiments, with the same seed and data.</summary>
internal static class LessonRunner
{
    /// <summary>Runs every variant of <paramref name="lesson"/> on the sum task and on its real data set.</summary>
    /// <param name="lesson">The lesson.</param>
    /// <param name="seed">Fixes the data, the weights, the shuffles and the dropout masks.</param>
    /// <param name="progress">Told which run starts ("sum task: before", …).</param>
    public static LessonResult Run(Lesson lesson, int seed, Action<string>? progress = null)
    {
        Recipe before = lesson.Prepare(LessonCatalog.RecipeBefore(lesson));
        Recipe after = lesson.Apply(before);
        var variants = new List<(string Name, Recipe Recipe)> { ("before", before), ("after", after) };
        variants.AddRange(lesson.Variants.Select(v => (v.Name, v.Make(before, after))));
        return new LessonResult(lesson, seed, before, after,
            RunTask("sum", "sum task", lesson, lesson.SumTask, variants, seed, progress),
            RunTask("real", "real data", lesson, lesson.RealTask, variants, seed, progress));
    }

    /// <summary>Trains one recipe on one task, by the classic class or the engine as the recipe says.</summary>
    public static RunResult Train(string variant, Recipe recipe, LessonTask task, LessonData data, int seed, IReadOnlySet<int>? snapshotEpochs = null) =>
        recipe.Classic
            ? ClassicRunner.Run(variant, recipe, task, data, seed, snapshotEpochs)
            : EngineRunner.Run(variant, recipe, task, data, seed, snapshotEpochs);

    private static TaskResult RunTask(string key, string label, Lesson lesson, LessonTask task, List<(string Name, Recipe Recipe)> variants, int seed, Action<string>? progress)
    {
        LessonData data = task.Load(seed);
        var runs = new List<RunResult>();
        foreach (var (name, recipe) in variants)
        {
            progress?.Invoke($"{label} ({data.Name}): {name}");
            runs.Add(Train(name, recipe, task, data, seed, lesson.SnapshotEpochs(task)));
        }

        return new TaskResult(key, task, data, runs);
    }
}
