using System.Globalization;
using Perceptron.Cli.Lessons;
using ScottPlot;

namespace Perceptron.Cli.Pictures;

/// <summary>A lesson experiment's curves: every variant's training loss (left, log scale) and test accuracy or R² (right), epoch by epoch.</summary>
internal static class CurvesPicture
{
    /// <summary>The two plots, side by side, for one task of a lesson.</summary>
    public static IReadOnlyList<Plot> Build(Lesson lesson, TaskResult task)
    {
        var loss = new Plot();
        var metric = new Plot();
        var headings = LessonTable.Headings(lesson, task);
        bool log = task.Runs.All(run => run.TrainLossCurve.Concat(run.ValidationLossCurve).All(value => value > 0 && double.IsFinite(value)));
        Func<double, double> scale = log ? Math.Log10 : value => value;
        for (int column = 0; column < task.Runs.Count; column++)
        {
            RunResult run = task.Runs[column];
            AddSeries(loss, [.. run.TrainLossCurve.Select(scale)], headings[column] + " (training)", Palette.Variant(column), LinePattern.Solid);
            if (run.ValidationLossCurve.Count > 0)
            {
                AddSeries(loss, [.. run.ValidationLossCurve.Select(scale)], headings[column] + " (validation)", Palette.Variant(column), LinePattern.Dashed);
            }

            AddSeries(metric, [.. run.TestMetricCurve.Select(v => Math.Max(v, -1))], headings[column], Palette.Variant(column), LinePattern.Solid);
            if (run.BestEpoch is int best)
            {
                var line = metric.Add.VerticalLine(best, 1, Palette.Variant(column), LinePattern.Dotted);
                line.LegendText = $"{headings[column]}: epoch kept";
            }
        }

        if (log)
        {
            loss.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                LabelFormatter = value => Math.Pow(10, value).ToString("G2", CultureInfo.InvariantCulture),
            };
        }

        loss.Title($"{task.Data.Name}: loss ({LessonFormat.LossName(task.Runs[0].LossName)}{(log ? ", log scale" : "")})");
        loss.Axes.Bottom.Label.Text = "epoch";
        metric.Title($"{task.Data.Name}: test {LessonFormat.MetricLabel(task.Runs[0].MetricName)}");
        metric.Axes.Bottom.Label.Text = "epoch";
        loss.ShowLegend(Alignment.UpperRight);
        metric.ShowLegend(Alignment.LowerRight);
        return [loss, metric];
    }

    private static void AddSeries(Plot plot, double[] values, string label, Color color, LinePattern pattern)
    {
        if (values.Length == 0)
        {
            return;
        }

        double[] epochs = [.. Enumerable.Range(1, values.Length).Select(e => (double)e)];
        var line = plot.Add.ScatterLine(epochs, values);
        line.LegendText = label;
        line.Color = color;
        line.LinePattern = pattern;
        line.LineWidth = 2;

        // A run cut short in its first epoch has one point, which a line alone would not show.
        line.MarkerShape = values.Length == 1 ? MarkerShape.FilledCircle : MarkerShape.None;
        line.MarkerSize = values.Length == 1 ? 10 : 0;
    }
}
