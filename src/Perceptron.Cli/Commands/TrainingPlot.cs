using Perceptron.Serialization;
using Perceptron.Training;
using ScottPlot;

namespace Perceptron.Cli.Commands;

/// <summary>Saves the loss (left axis) and metric (right axis) curves of a training run as a PNG.</summary>
internal static class TrainingPlot
{
    public static void Save(string path, History history, string metric)
    {
        var plot = new Plot();
        double[] epochs = [.. Enumerable.Range(1, history.Epochs).Select(e => (double)e)];
        AddSeries(plot, epochs, history, "loss", plot.Axes.Left, LinePattern.Solid, Colors.Blue);
        AddSeries(plot, epochs, history, "val_loss", plot.Axes.Left, LinePattern.Dashed, Colors.Blue);
        AddSeries(plot, epochs, history, metric, plot.Axes.Right, LinePattern.Solid, Colors.OrangeRed);
        AddSeries(plot, epochs, history, "val_" + metric, plot.Axes.Right, LinePattern.Dashed, Colors.OrangeRed);
        plot.Axes.Bottom.Label.Text = "epoch";
        plot.Axes.Left.Label.Text = "loss";
        plot.Axes.Right.Label.Text = metric;
        plot.Title("Training curves");
        plot.ShowLegend(Alignment.UpperCenter);
        byte[] png = plot.GetImageBytes(900, 540, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    private static void AddSeries(Plot plot, double[] epochs, History history, string key, IYAxis axis, LinePattern pattern, Color color)
    {
        if (!history.Values.TryGetValue(key, out var values) || values.Count == 0)
        {
            return;
        }

        var line = plot.Add.ScatterLine(epochs, values.ToArray());
        line.LegendText = key;
        line.Axes.YAxis = axis;
        line.LinePattern = pattern;
        line.Color = color;
        line.LineWidth = 2;
    }
}
