using System.Globalization;

namespace Perceptron.Exercises.Tests;

/// <summary>Runs an answer and turns "not done yet" into a clear failure instead of a stack trace.</summary>
internal static class Grade
{
    /// <summary>Calls the answer; a NotImplementedException (the hole is still there) fails with its message.</summary>
    public static T Answer<T>(Func<T> answer)
    {
        try
        {
            return answer();
        }
        catch (NotImplementedException hole)
        {
            Assert.Fail($"Not done yet. {hole.Message}.");
            throw;
        }
    }

    /// <summary>Calls an answer that returns nothing.</summary>
    public static void Answer(Action answer) => Answer(() =>
    {
        answer();
        return 0;
    });

    /// <summary>Whether two numbers agree to a relative tolerance (absolute near 0).</summary>
    public static bool Close(double expected, double actual, double tolerance = 1e-9) =>
        Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Max(Math.Abs(expected), Math.Abs(actual)));

    /// <summary>Whether two vectors agree element by element.</summary>
    public static bool Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance = 1e-9) =>
        expected.Count == actual.Count && expected.Zip(actual).All(pair => Close(pair.First, pair.Second, tolerance));

    /// <summary>A vector as "[0.1, -2, …]".</summary>
    public static string Show(IReadOnlyList<double> values) => "[" + string.Join(", ", values.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))) + "]";

    /// <summary>A number, invariantly.</summary>
    public static string Show(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
