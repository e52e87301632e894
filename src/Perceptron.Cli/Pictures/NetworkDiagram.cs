using System.Globalization;
using ScottPlot;

namespace Perceptron.Cli.Pictures;

/// <summary>
/// The network as a diagram: units as circles, level by level; each weight a line whose width shows its size and
/// whose colour its sign (blue positive, red negative); each bias as the ring around its unit (width and colour
/// likewise) and its value beneath. With a sample, each unit shows its activation a (the fill: amber positive,
/// violet negative) and its δ.
/// </summary>
internal static class NetworkDiagram
{
    /// <summary>Units drawn per level; wider levels show their first units and say how many more there are.</summary>
    public const int MaxUnitsPerLevel = 12;

    /// <summary>Builds the diagram.</summary>
    /// <param name="network">The network.</param>
    /// <param name="title">The title.</param>
    /// <param name="activations">One sample's values per level (level 0 the scaled input), or null.</param>
    /// <param name="deltas">That sample's δ = ∂loss/∂z per layer (level i + 1), or null.</param>
    public static Plot Build(NetworkView network, string title, double[][]? activations = null, double[][]? deltas = null)
    {
        var plot = new Plot();
        IReadOnlyList<int> widths = network.Widths;
        double largest = 1e-12;
        for (int layer = 0; layer < network.Layers.Count; layer++)
        {
            foreach (float w in network.Layers[layer].Weights)
            {
                largest = Math.Max(largest, Math.Abs(w));
            }
        }

        // Weights first, so the units sit on top of them.
        for (int layer = 0; layer < network.Layers.Count; layer++)
        {
            for (int from = 0; from < Shown(widths[layer]); from++)
            {
                for (int to = 0; to < Shown(widths[layer + 1]); to++)
                {
                    double w = network.Weight(layer, from, to), size = Math.Abs(w) / largest;
                    var (x1, y1) = Position(layer, from, widths[layer]);
                    var (x2, y2) = Position(layer + 1, to, widths[layer + 1]);
                    var line = plot.Add.Line(x1, y1, x2, y2);
                    line.LineWidth = (float)(0.4 + (5 * size));
                    line.Color = (w >= 0 ? Palette.Positive : Palette.Negative).WithAlpha(0.25 + (0.6 * size));
                }
            }
        }

        double largestBias = 1e-12;
        for (int layer = 0; layer < network.Layers.Count; layer++)
        {
            foreach (float b in network.Layers[layer].Bias)
            {
                largestBias = Math.Max(largestBias, Math.Abs(b));
            }
        }

        for (int level = 0; level < widths.Count; level++)
        {
            for (int unit = 0; unit < Shown(widths[level]); unit++)
            {
                var (x, y) = Position(level, unit, widths[level]);
                double? bias = level == 0 ? null : network.Bias(level - 1, unit);
                double? value = activations?[level][unit];
                // The ring: the bias's sign (colour) and size (width); grey for inputs, which have none.
                float ring = bias is double b ? (float)(2 + (8 * Math.Abs(b) / largestBias)) : 2;
                plot.Add.Marker(x, y, MarkerShape.FilledCircle, 26 + ring, bias is double sign ? (sign >= 0 ? Palette.Positive : Palette.Negative) : Colors.Gray);
                plot.Add.Marker(x, y, MarkerShape.FilledCircle, 26, value is double a ? Palette.Activation(Math.Clamp(a, -1, 1)) : Colors.White);
                var lines = new List<string>();
                if (value is double shown)
                {
                    lines.Add(Invariant($"a {shown:0.###}"));
                }

                if (level > 0 && deltas?[level - 1] is { } delta)
                {
                    lines.Add($"δ {HistogramsPicture.Number(delta[unit])}");
                }

                if (bias is double biasValue)
                {
                    lines.Add(Invariant($"b {biasValue:0.##}"));
                }

                if (lines.Count > 0)
                {
                    var text = plot.Add.Text(string.Join("\n", lines), x, y - 0.32);
                    text.LabelFontSize = 10;
                    text.LabelAlignment = Alignment.UpperCenter;
                }
            }

            if (widths[level] > MaxUnitsPerLevel)
            {
                var (x, y) = Position(level, MaxUnitsPerLevel - 1, widths[level]);
                var more = plot.Add.Text($"+{widths[level] - MaxUnitsPerLevel} more", x, y - 0.9);
                more.LabelAlignment = Alignment.UpperCenter;
                more.LabelFontSize = 11;
            }
        }

        Label(plot, network.InputNames, 0, widths[0], Alignment.MiddleRight, -0.25);
        string[] outputs = network.Model.ClassNames.Count == widths[^1]
            ? [.. network.Model.ClassNames]
            : [.. Enumerable.Range(1, widths[^1]).Select(i => network.Model.TargetName is { } target && widths[^1] == 1 ? target : $"y{i}")];
        Label(plot, outputs, widths.Count - 1, widths[^1], Alignment.MiddleLeft, 0.25);
        int tallest = widths.Max(Shown);
        double half = (tallest - 1) / 2.0;
        for (int layer = 0; layer < network.Layers.Count; layer++)
        {
            var caption = plot.Add.Text(network.Layers[layer].Activation.Name, layer + 1, half + 0.7);
            caption.LabelAlignment = Alignment.LowerCenter;
            caption.LabelFontSize = 11;
            caption.LabelFontColor = Colors.Gray;
        }

        // The key, under the diagram: a learner should not have to guess what width and colour mean.
        string key = "lines: weights (width: size; blue positive, red negative) · rings: biases · " +
            (activations is null ? "units: inputs, hidden units, outputs" : "a: this sample's activation (inputs after scaling), fill: its size") +
            (deltas is null ? "" : "\nδ = ∂loss/∂z: how the sample's loss changes with the unit's input z (what backpropagation sends back to it)");
        var legend = plot.Add.Text(key, (widths.Count - 1) / 2.0, -half - 1.3);
        legend.LabelAlignment = Alignment.UpperCenter;
        legend.LabelFontSize = 11;
        legend.LabelFontColor = Colors.Gray;
        plot.Axes.Frameless();
        plot.Title(title);
        plot.HideGrid();
        plot.Axes.SetLimits(-1.4, widths.Count + 0.4, -half - 1.6, half + 1.2);
        return plot;
    }

    /// <summary>Unit <paramref name="unit"/> of a level of <paramref name="width"/> units: levels left to right, units top down, centred on 0.</summary>
    public static (double X, double Y) Position(int level, int unit, int width) => (level, ((Shown(width) - 1) / 2.0) - unit);

    private static int Shown(int width) => Math.Min(width, MaxUnitsPerLevel);

    private static void Label(Plot plot, IReadOnlyList<string> names, int level, int width, Alignment alignment, double offset)
    {
        for (int unit = 0; unit < Shown(width); unit++)
        {
            var (x, y) = Position(level, unit, width);
            var text = plot.Add.Text(names[unit], x + offset, y);
            text.LabelAlignment = alignment;
            text.LabelFontSize = 11;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
