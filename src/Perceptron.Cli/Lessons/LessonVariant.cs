namespace Perceptron.Cli.Lessons;

/// <summary>An extra column of a lesson's table, beside "before" and "after".</summary>
/// <param name="Key">Its name in facts, e.g. "large_step".</param>
/// <param name="Name">Its column heading, e.g. "batch 32, η 0.5".</param>
/// <param name="Make">Its recipe, from the before and after recipes.</param>
internal sealed record LessonVariant(string Key, string Name, Func<Recipe, Recipe, Recipe> Make);
