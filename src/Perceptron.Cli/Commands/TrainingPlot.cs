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

    /// <summary>
    /// Saves the curves of a training run: the data loss (the loss the report prints) and, when L2 or L1 is on, the penalty as
    /// its own dashed series on the left axis; the metric on the right axis; validation curves dotted.
    /// </summary>
    /// <param name="path">The PNG to write.</param>
    /// <param name="history">The run's history.</param>
    /// <param name="metric">The metric's log key (accuracy, r2).</param>
    /// <param name="title">What was trained on what, e.g. "iris: Sequential(4 → 64 → 32 → 3), relu, adam".</param>
    /// <param name="lossName">The loss function's name, for the axis label.</param>
    public static void Save(string path, History history, string metric, string title, string lossName)
    {
        var plot = new Plot();
        double[] epochs = [.. Enumerable.Range(1, history.Epochs).Select(e => (double)e)];
        foreach (Series series in CurvesOf(history, metric, lossName))
        {
            var line = plot.Add.ScatterLine(epochs, series.Values);
            line.LegendText = series.Label;
            line.Axes.YAxis = series.RightAxis ? plot.Axes.Right : plot.Axes.Left;
            line.LinePattern = series.Pattern;
            line.Color = series.Color;
            line.LineWidth = 2;
        }

        plot.Axes.Bottom.Label.Text = "epoch";
        plot.Axes.Left.Label.Text = history.Values.ContainsKey("penalty") ? "loss and penalty" : "loss";
        plot.Axes.Right.Label.Text = metric;
        plot.Title(title, size: 14);
        plot.ShowLegend(Edge.Bottom);
        Write(path, plot, height: 620);
    }

    /// <summary>The curves <see cref="Save(string, History, string, string, string)"/> draws, in order: those the history has.</summary>
    internal static IReadOnlyList<Series> CurvesOf(History history, string metric, string lossName)
    {
        (string Key, string Label, bool RightAxis, LinePattern Pattern, Color Color)[] wanted =
        [
            ("loss", $"training loss: {lossName}, epoch mean over batches", false, LinePattern.Solid, Colors.Blue),
            ("val_loss", "validation loss", false, LinePattern.Dotted, Colors.Blue),
            ("penalty", "weight penalty λ·Σw² + λ₁·Σ|w| (objective = loss + penalty)", false, LinePattern.Dashed, Colors.Green),
            (metric, $"training {metric}", true, LinePattern.Solid, Colors.OrangeRed),
            ("val_" + metric, $"validation {metric}", true, LinePattern.Dotted, Colors.OrangeRed),
        ];
        return [.. wanted
            .Where(w => history.Values.TryGetValue(w.Key, out var values) && values.Count > 0)
            .Select(w => new Series(w.Key, w.Label, w.RightAxis, w.Pattern, w.Color, [.. history[w.Key]]))];
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

    private static void Write(string path, Plot plot, int height = 540)
    {
        byte[] png = plot.GetImageBytes(900, height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    /// <summary>One curve: the history key it plots, its legend, axis and style.</summary>
    internal sealed record Series(string Key, string Label, bool RightAxis, LinePattern Pattern, Color Color, double[] Values);
}
