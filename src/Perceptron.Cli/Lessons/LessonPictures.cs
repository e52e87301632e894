namespace Perceptron.Cli.Lessons;

/// <summary>The pictures a lesson writes into its folder.</summary>
internal static class LessonPictures
{
    /// <summary>Loss and test-metric curves of every variant, for both experiments.</summary>
    public static IReadOnlyList<string> Default(LessonResult result, string folder) => [];
}
