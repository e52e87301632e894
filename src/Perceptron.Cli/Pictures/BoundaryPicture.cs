using Perceptron.Data;
using Perceptron.Tensors;
using ScottPlot;

namespace Perceptron.Cli.Pictures;

/// <summary>
/// What a network computes over a 2-D input plane: for classification each point coloured by its predicted class
/// (paler where the network is less sure), for regression by the predicted value; the training points on top.
/// </summary>
internal sealed class BoundaryPicture
{
    private readonly NetworkView _network;
    private readonly Matrix<float> _points;
    private readonly int[]? _labels;

    /// <summary>Prepares the picture of <paramref name="network"/> over the plane of <paramref name="data"/>'s two features.</summary>
    public BoundaryPicture(NetworkView network, TabularDataset data, int gridSize = 120)
    {
        _network = network;
        _points = data.Features;
        _labels = data.Labels;
        Grid = PlaneGrid.Around(data.Features, gridSize);
        if (network.Layers[0].Inputs != 2)
        {
            throw new UserException($"A decision-boundary picture needs a network with 2 inputs; this one has {network.Layers[0].Inputs}.");
        }
    }

    /// <summary>The grid the regions are computed on.</summary>
    public PlaneGrid Grid { get; }

    /// <summary>The network's outputs at every grid cell (rows × outputs, row-major over the grid), as the model predicts them.</summary>
    public Matrix<float> Predictions() => _network.Model.Predict(Grid.Points());

    /// <summary>Builds the plot; <paramref name="title"/> goes on top.</summary>
    public Plot Build(string title)
    {
        var plot = new Plot();
        Matrix<float> outputs = Predictions();
        var intensities = new double[Grid.Size, Grid.Size];
        IColormap colormap;
        if (_network.IsClassifier)
        {
            var classes = new ClassColormap(Math.Max(outputs.Columns, 2));
            for (int cell = 0; cell < outputs.Rows; cell++)
            {
                var (k, confidence) = Decide(outputs.Row(cell));
                intensities[cell / Grid.Size, cell % Grid.Size] = classes.Position(k, confidence);
            }

            colormap = classes;
        }
        else
        {
            for (int cell = 0; cell < outputs.Rows; cell++)
            {
                intensities[cell / Grid.Size, cell % Grid.Size] = outputs[cell, 0];
            }

            colormap = new ScottPlot.Colormaps.Viridis();
        }

        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = colormap;
        heatmap.Rectangle = new CoordinateRect(Grid.XMin, Grid.XMax, Grid.YMin, Grid.YMax);
        if (_network.IsClassifier)
        {
            heatmap.ManualRange = new ScottPlot.Range(0, 1);
        }
        else
        {
            plot.Add.ColorBar(heatmap).Label = _network.Model.TargetName ?? "prediction";
        }

        AddPoints(plot);
        plot.Axes.SetLimits(Grid.XMin, Grid.XMax, Grid.YMin, Grid.YMax);
        plot.Title(title);
        var names = _network.InputNames;
        plot.Axes.Bottom.Label.Text = names[0];
        plot.Axes.Left.Label.Text = names[1];
        plot.HideGrid();
        return plot;
    }

    /// <summary>The predicted class of one output row and how sure the network is (the winning probability, rescaled so chance is 0).</summary>
    public static (int Class, double Confidence) Decide(ReadOnlySpan<float> output)
    {
        if (output.Length == 1)
        {
            // One sigmoid unit: class 1 above 0.5.
            float p = output[0];
            return p >= 0.5f ? (1, (2 * p) - 1) : (0, 1 - (2 * p));
        }

        int best = 0;
        for (int k = 1; k < output.Length; k++)
        {
            if (output[k] > output[best])
            {
                best = k;
            }
        }

        double chance = 1.0 / output.Length;
        return (best, Math.Clamp((output[best] - chance) / (1 - chance), 0, 1));
    }

    private void AddPoints(Plot plot)
    {
        int classes = _labels is null ? 0 : _labels.Max() + 1;
        for (int k = 0; k < Math.Max(classes, 1); k++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            var colors = new List<Color>();
            for (int row = 0; row < _points.Rows; row++)
            {
                if (_labels is null || _labels[row] == k)
                {
                    xs.Add(_points[row, 0]);
                    ys.Add(_points[row, 1]);
                }
            }

            var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, 5, _labels is null ? Colors.White : Palette.Class(k));
            markers.MarkerStyle.LineColor = Colors.White;
            markers.MarkerStyle.LineWidth = 0.8f;
            if (_labels is not null)
            {
                markers.LegendText = $"class {(_network.Model.ClassNames.Count > k ? _network.Model.ClassNames[k] : k.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
            }
        }

        if (_labels is not null)
        {
            plot.ShowLegend(Alignment.UpperRight);
        }
    }
}
