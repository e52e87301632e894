namespace Perceptron.Cli.Lessons;

/// <summary>The lessons in order: each switches on one fix on top of everything before it.</summary>
internal static class LessonCatalog
{
    /// <summary>Every lesson, by number.</summary>
    public static IReadOnlyList<Lesson> All { get; } =
    [
        new Lesson01Biases(),
        new Lesson02LinearOutput(),
        new Lesson03Initialisation(),
        new Lesson04Relu(),
        new Lesson05InputScaling(),
        new Lesson06MiniBatches(),
        new Lesson07Momentum(),
        new Lesson08Adam(),
        new Lesson09SoftmaxCrossEntropy(),
        new Lesson10Regularisation(),
        new Lesson11EarlyStopping(),
        new Lesson12LearningRate(),
    ];

    /// <summary>The lesson numbered <paramref name="number"/>, or null.</summary>
    public static Lesson? Find(int number) => All.FirstOrDefault(lesson => lesson.Number == number);

    /// <summary>The recipe every lesson before <paramref name="lesson"/> built, starting from the original's.</summary>
    public static Recipe RecipeBefore(Lesson lesson)
    {
        Recipe recipe = Recipe.Original;
        foreach (Lesson earlier in All.TakeWhile(l => l.Number < lesson.Number))
        {
            recipe = earlier.Apply(earlier.Prepare(recipe));
        }

        return recipe;
    }
}
