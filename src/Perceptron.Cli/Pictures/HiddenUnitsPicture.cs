using System.Globalization;
using Perceptron.Data;
using ScottPlot;

namespace Perceptron.Cli.Pictures;

/// <summary>
/// One small map per hidden unit of what it computes over the 2-D input plane, as the TensorFlow Playground shows
/// them: each unit's activation at every point, layer by layer.
/// </summary>
internal static class HiddenUnitsPicture
{
    /// <summary>At most this many units are drawn (the first ones of each layer, in order).</summary>
    public const int MaxUnits = 48;

    /// <summary>Builds one plot per hidden unit (up to <see cref="MaxUnits"/>), left to right, layer by layer.</summary>
    public static IReadOnlyList<Plot> Build(NetworkView network, TabularDataset data, int gridSize = 48)
    {
        if (network.Layers.Count < 2)
        {
            throw new UserException("The network has no hidden layer, so there are no hidden units to draw.");
        }

        PlaneGrid grid = PlaneGrid.Around(data.Features, gridSize);
        var points = grid.Points();

        // Every hidden level's activations at every grid point.
        var levels = new double[points.Rows][][];
        for (int cell = 0; cell < points.Rows; cell++)
        {
            levels[cell] = network.Forward(points.Row(cell));
        }

        var plots = new List<Plot>();
        for (int layer = 0; layer < network.Layers.Count - 1 && plots.Count < MaxUnits; layer++)
        {
            for (int unit = 0; unit < network.Layers[layer].Units && plots.Count < MaxUnits; unit++)
            {
                var values = new double[grid.Size, grid.Size];
                for (int cell = 0; cell < points.Rows; cell++)
                {
                    values[cell / grid.Size, cell % grid.Size] = levels[cell][layer + 1][unit];
                }

                var plot = new Plot();
                var heatmap = plot.Add.Heatmap(values);
                heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
                heatmap.Rectangle = new CoordinateRect(grid.XMin, grid.XMax, grid.YMin, grid.YMax);
                double min = values.Cast<double>().Min(), max = values.Cast<double>().Max();
                heatmap.ManualRange = new ScottPlot.Range(Math.Min(min, 0), Math.Max(max, min + 1e-9));
                plot.Axes.SetLimits(grid.XMin, grid.XMax, grid.YMin, grid.YMax);
                plot.Axes.Frameless();
                plot.HideGrid();
                plot.Title(string.Create(CultureInfo.InvariantCulture, $"layer {layer + 1}, unit {unit + 1}: {min:0.##}…{max:0.##}"), size: 11);
                plots.Add(plot);
            }
        }

        return plots;
    }
}
