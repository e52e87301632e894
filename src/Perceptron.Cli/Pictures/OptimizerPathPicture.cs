using System.Globalization;
using Perceptron.Optimizers;
using ScottPlot;

namespace Perceptron.Cli.Pictures;

/// <summary>
/// The optimizer's path, as distill.pub draws it: contours of a two-parameter slice of a network's real loss, and the
/// steps SGD, momentum, Nesterov, RMSprop and Adam take from the same start.
/// </summary>
internal static class OptimizerPathPicture
{
    /// <summary>Steps each optimizer takes.</summary>
    public const int Steps = 40;

    /// <summary>
    /// The optimizers drawn, with step sizes suited to the bowl: the SGD family at η = 1.8/λ_max (SGD zig-zags across the
    /// steep direction; momentum's velocity adds up along the flat one), RMSprop and Adam at a step of a tenth of the
    /// distance to cover (their steps are about η per parameter whatever the gradient).
    /// </summary>
    public static IReadOnlyList<(string Name, Func<Optimizer> Create)> Optimizers(LossSlice slice, double distance)
    {
        double sgd = 1.8 / slice.Steepest, adaptive = distance / 10;
        string Eta(double eta) => eta.ToString("G2", CultureInfo.InvariantCulture);
        return
        [
            ($"SGD, η {Eta(sgd)}", () => new Sgd(sgd)),
            ($"momentum 0.9, η {Eta(sgd / 10)}", () => new Sgd(sgd / 10, momentum: 0.9)),
            ($"Nesterov 0.9, η {Eta(sgd / 10)}", () => new Sgd(sgd / 10, momentum: 0.9, nesterov: true)),
            ($"RMSprop, η {Eta(adaptive)}", () => new RmsProp(adaptive)),
            ($"Adam, η {Eta(adaptive)}", () => new Adam(adaptive)),
        ];
    }

    /// <summary>Where every path starts: away from the minimum along the bowl's flat direction and across its steep one.</summary>
    public static (double Theta1, double Theta2) Start(LossSlice slice)
    {
        // Equal loss from each direction: a distance of 1/√λ along each eigenvector, scaled to the trained weights.
        double scale = Math.Max(0.5, Math.Sqrt((slice.Minimum.Theta1 * slice.Minimum.Theta1) + (slice.Minimum.Theta2 * slice.Minimum.Theta2))) * Math.Sqrt(slice.Flattest);
        double flat = scale / Math.Sqrt(slice.Flattest), steep = scale / Math.Sqrt(slice.Steepest);
        var (fx, fy) = slice.FlatDirection;
        return (slice.Minimum.Theta1 + (flat * fx) - (steep * fy), slice.Minimum.Theta2 + (flat * fy) + (steep * fx));
    }

    /// <summary>Builds the picture; every path is also returned, for the caller to measure.</summary>
    public static (Plot Plot, IReadOnlyList<(string Name, IReadOnlyList<(double Theta1, double Theta2)> Path)> Paths) Build(LossSlice slice, string title)
    {
        var start = Start(slice);
        double distance = Math.Sqrt(Math.Pow(start.Theta1 - slice.Minimum.Theta1, 2) + Math.Pow(start.Theta2 - slice.Minimum.Theta2, 2));
        var paths = Optimizers(slice, distance).Select(o => (o.Name, slice.Path(o.Create(), start, Steps))).ToList();

        // The window: the start and the minimum, with room around; the plot clips paths that leave it.
        double margin = 0.6 * distance;
        double xMin = Math.Min(start.Theta1, slice.Minimum.Theta1) - margin, xMax = Math.Max(start.Theta1, slice.Minimum.Theta1) + margin;
        double yMin = Math.Min(start.Theta2, slice.Minimum.Theta2) - margin, yMax = Math.Max(start.Theta2, slice.Minimum.Theta2) + margin;
        const int Grid = 80;
        var levels = new Coordinates3d[Grid, Grid];
        for (int row = 0; row < Grid; row++)
        {
            for (int column = 0; column < Grid; column++)
            {
                double x = xMin + ((xMax - xMin) * column / (Grid - 1)), y = yMin + ((yMax - yMin) * row / (Grid - 1));
                levels[row, column] = new Coordinates3d(x, y, Math.Log10(slice.Loss(x, y)));
            }
        }

        var plot = new Plot();
        var contours = new ScottPlot.Plottables.ContourLines { ContourLineCount = 14 };
        contours.Update(levels);
        plot.Add.Plottable(contours);
        for (int i = 0; i < paths.Count; i++)
        {
            var (name, path) = paths[i];
            bool leaves = path.Any(p => p.Theta1 < xMin || p.Theta1 > xMax || p.Theta2 < yMin || p.Theta2 > yMax);
            var line = plot.Add.ScatterLine(path.Select(p => p.Theta1).ToArray(), path.Select(p => p.Theta2).ToArray(), Palette.Class(i));
            line.LineWidth = 2;
            line.MarkerSize = 4;
            line.MarkerShape = MarkerShape.FilledCircle;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{name}: loss {slice.Loss(path[^1].Theta1, path[^1].Theta2):G3}{(leaves ? " (leaves the window)" : "")}");
        }

        var startMarker = plot.Add.Marker(start.Theta1, start.Theta2, MarkerShape.OpenCircle, 14, Colors.Black);
        startMarker.LegendText = "start";
        var minimum = plot.Add.Marker(slice.Minimum.Theta1, slice.Minimum.Theta2, MarkerShape.Cross, 14, Colors.Black);
        minimum.LegendText = string.Create(CultureInfo.InvariantCulture, $"minimum: loss {slice.Loss(slice.Minimum.Theta1, slice.Minimum.Theta2):G3}");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.SetLimits(xMin, xMax, yMin, yMax);
        plot.Title(title + " (contours: log₁₀ of the loss)");
        plot.Axes.Bottom.Label.Text = $"θ₁: weight from hidden unit {slice.Unit1 + 1} to the output";
        plot.Axes.Left.Label.Text = $"θ₂: weight from hidden unit {slice.Unit2 + 1} to the output";
        return (plot, paths.Select(p => (p.Name, (IReadOnlyList<(double, double)>)p.Item2)).ToList());
    }
}
