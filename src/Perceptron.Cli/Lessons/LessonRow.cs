namespace Perceptron.Cli.Lessons;

/// <summary>One row of a lesson's table: a measure and its value for each variant, already formatted.</summary>
/// <param name="Key">The measure's stable name in facts, e.g. "test_metric".</param>
/// <param name="Label">The row's label, e.g. "test accuracy".</param>
/// <param name="Values">One formatted value per variant, in column order.</param>
/// <param name="Checked">Whether a re-run must reproduce it (false for times).</param>
internal sealed record LessonRow(string Key, string Label, IReadOnlyList<string> Values, bool Checked = true);
