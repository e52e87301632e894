using System.Globalization;
using Perceptron.Cli.Pictures;
using ScottPlot;
using Palette = Perceptron.Cli.Pictures.Palette;

namespace Perceptron.Cli.Lessons;

/// <summary>
/// A lesson experiment step by step: every variant's batch loss (left) and step length η·‖g‖ (right), on log scales
/// (the steps too, so the first few show). A run that blows up within its first epoch is a single point on an epoch
/// curve; here every step up to the last finite one shows.
/// </summary>
internal static class StepCurvesPicture
{
    /// <summary>The two plots, side by side, for one task of a lesson whose variants all train by plain SGD (step = η·‖g‖).</summary>
    /// <param name="lesson">The lesson (for the column headings).</param>
    /// <param name="task">The experiment.</param>
    /// <param name="stepLimit">The longest step clipping allows, η·C, drawn as a line; null for none.</param>
    public static IReadOnlyList<Plot> Build(Lesson lesson, TaskResult task, double? stepLimit)
    {
        var loss = new Plot();
        var step = new Plot();
        var headings = LessonTable.Headings(lesson, task);
        if (stepLimit is double limit)
        {
            // Drawn first, so the runs held at the limit show on top of it.
            var line = step.Add.HorizontalLine(Math.Log10(limit), 1, Colors.Gray, LinePattern.Dotted);
            line.LegendText = $"η·C = {LessonFormat.Number(limit)}: the longest step clipping allows";
        }

        for (int column = 0; column < task.Runs.Count; column++)
        {
            RunResult run = task.Runs[column];
            double rate = run.Recipe.Optimizer.LearningRate;
            string label = run.DivergedAtStep is long overflow ? $"{headings[column]} (step {LessonFormat.Count(overflow)} overflowed; × the last finite one)" : headings[column];
            AddSeries(loss, run.StepLossCurve, label, Palette.Variant(column), run.Diverged);
            AddSeries(step, [.. run.StepGradientNormCurve.Select(norm => rate * norm)], headings[column], Palette.Variant(column), run.Diverged);
        }

        foreach (Plot plot in (Plot[])[loss, step])
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                LabelFormatter = value => Math.Pow(10, value).ToString("G2", CultureInfo.InvariantCulture),
            };
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                LabelFormatter = value => Math.Round(Math.Pow(10, value)).ToString("N0", CultureInfo.InvariantCulture),
            };

            plot.Axes.Bottom.Label.Text = "gradient step (log scale: the blow-up takes a few steps)";
            plot.ShowLegend(Alignment.UpperRight);
        }

        loss.Title($"{task.Data.Name}: each step's batch loss ({LessonFormat.LossName(task.Runs[0].LossName)}, log scale)");
        step.Title($"{task.Data.Name}: each step's length η·‖g‖ (log scale)");
        return [loss, step];
    }

    private static void AddSeries(Plot plot, IReadOnlyList<double> values, string label, Color color, bool diverged)
    {
        // Log scale: a step whose loss or gradient is exactly 0 has no point.
        double[] steps = [.. Enumerable.Range(1, values.Count).Where(i => values[i - 1] > 0).Select(i => Math.Log10(i))];
        double[] logs = [.. values.Where(value => value > 0).Select(Math.Log10)];
        if (logs.Length == 0)
        {
            return;
        }

        var line = plot.Add.ScatterLine(steps, logs);
        line.LegendText = label;
        line.Color = color;
        line.LineWidth = 1;
        if (diverged)
        {
            // The last good step, where the next one overflowed.
            var end = plot.Add.Marker(steps[^1], logs[^1], MarkerShape.Eks, 14, color);
            end.MarkerLineWidth = 3;
        }
    }
}
