using Perceptron.Serialization;
using Perceptron.Training;
using ScottPlot;

namespace Perceptron.Cli.Commands;

/// <summary>Saves training curves as PNG files: every plot names what it shows, in its title and on both axes.</summary>
internal static class TrainingPlot
{
    /// <summary>Fails before any work when a PNG cannot be written where asked: not after an hour of training.</summary>
    public static void CheckPath(string option, string? path)
    {
        if (path is null)
        {
            return;
        }

        if (Directory.Exists(path))
        {
            throw new UserException($"{option} '{path}' is a folder; give a file name such as {Path.Combine(path, "curves.png")}.");
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UserException($"{option} '{path}': the folder '{folder}' does not exist; create it first.");
        }
    }

    /// <summary>Saves the loss (left axis) and metric (right axis) curves of a training run.</summary>
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
        Write(path, plot);
    }

    /// <summary>Saves one value per epoch (the classic demo's mean error) on a logarithmic axis.</summary>
    public static void SaveErrorCurve(string path, IReadOnlyList<double> errors, string title, string valueLabel)
    {
        var plot = new Plot();
        double[] epochs = [.. Enumerable.Range(1, errors.Count).Select(e => (double)e)];
        var line = plot.Add.ScatterLine(epochs, [.. errors.Select(LogOrNaN)]);
        line.Color = Colors.Blue;
        line.LineWidth = 2;
        UseLogarithmicTicks(plot.Axes.Left);
        plot.Axes.Bottom.Label.Text = "epoch";
        plot.Axes.Left.Label.Text = valueLabel + " (log scale)";
        plot.Title(title, size: 14);
        Write(path, plot);
    }

    /// <summary>Values are plotted as log10; ticks at the powers of ten are labelled with the value itself.</summary>
    private static void UseLogarithmicTicks(IAxis axis)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = exponent => PowerOfTen((int)Math.Round(exponent)),
        };
    }

    /// <summary>10^n as a plain decimal near 1 (0.001 … 1000), as 1e-5 beyond.</summary>
    private static string PowerOfTen(int n) => Math.Abs(n) <= 3
        ? Math.Pow(10, n).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"1e{n}");

    private static double LogOrNaN(double value) => value > 0 && double.IsFinite(value) ? Math.Log10(value) : double.NaN;

    private static void Write(string path, Plot plot)
    {
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
