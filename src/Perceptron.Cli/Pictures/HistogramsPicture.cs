using System.Globalization;
using ScottPlot;

namespace Perceptron.Cli.Pictures;

/// <summary>
/// Per-layer histograms of a network's activations and gradients over a set of rows, one column per Dense layer:
/// saturated sigmoids, dead ReLUs and gradients that vanish on their way to the first layer show at a glance. Each
/// pass (e.g. after the first and after the last epoch) adds two rows of panels: the activations a, then the
/// gradients |δ| = |∂loss/∂z| on a log scale shared by every panel, so layers and epochs compare directly.
/// </summary>
internal static class HistogramsPicture
{
    /// <summary>Each panel's size in pixels.</summary>
    public const int PanelWidth = 380, PanelHeight = 270;

    /// <summary>The statistics of every layer of every pass, [pass][layer], on shared ranges.</summary>
    public static LayerStatistics[][] Measure(NetworkView network, IReadOnlyList<EnginePass> passes)
    {
        // |δ| from the smallest to the largest decade seen (at most 12 decades: anything smaller joins the first bin).
        var logs = passes.SelectMany(pass => pass.Layers.SelectMany(layer => layer.Deltas.Select(delta => delta * pass.Rows)))
            .Where(delta => delta != 0 && double.IsFinite(delta)).Select(delta => Math.Log10(Math.Abs(delta))).ToList();
        double top = logs.Count == 0 ? 0 : Math.Ceiling(logs.Max() + 1e-9), bottom = logs.Count == 0 ? -1 : Math.Max(Math.Floor(logs.Min()), top - 12);
        var statistics = new LayerStatistics[passes.Count][];
        for (int p = 0; p < passes.Count; p++)
        {
            statistics[p] = new LayerStatistics[network.Layers.Count];
            for (int layer = 0; layer < network.Layers.Count; layer++)
            {
                var values = passes.SelectMany(pass => pass.Layers[layer].Activations).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
                statistics[p][layer] = LayerStatistics.Of(network.Layers[layer], passes[p].Layers[layer], passes[p].Rows, (Math.Min(0, values.Min()), values.Max()), (bottom, Math.Max(top, bottom + 1)));
            }
        }

        return statistics;
    }

    /// <summary>The panels, row by row: for each pass, one activation panel per layer, then one gradient panel per layer.</summary>
    /// <param name="statistics">From <see cref="Measure"/>.</param>
    /// <param name="captions">What each pass shows, e.g. "after epoch 1" (one per pass).</param>
    public static IReadOnlyList<Plot> Build(LayerStatistics[][] statistics, IReadOnlyList<string> captions)
    {
        var plots = new List<Plot>();
        for (int p = 0; p < statistics.Length; p++)
        {
            int layers = statistics[p].Length;
            for (int layer = 0; layer < layers; layer++)
            {
                plots.Add(ActivationPanel(statistics[p][layer], $"{captions[p]} · {Name(layer, layers)} ({statistics[p][layer].Units} {statistics[p][layer].Activation})"));
            }

            for (int layer = 0; layer < layers; layer++)
            {
                plots.Add(GradientPanel(statistics[p][layer], $"{captions[p]} · {Name(layer, layers)}: gradients"));
            }
        }

        return plots;
    }

    private static Plot ActivationPanel(LayerStatistics s, string title)
    {
        var plot = new Plot();
        Histogram h = s.Activations;
        var bars = new List<Bar>();
        for (int bin = 0; bin < h.Counts.Count; bin++)
        {
            bool flat = s.FlatRule is not null && s.Activation != "relu" && (bin == 0 || bin == h.Counts.Count - 1);
            bars.Add(new Bar { Position = h.Centre(bin), Value = h.Counts[bin], Size = h.BinWidth, FillColor = flat ? Palette.Negative : Amber, LineWidth = 0 });
        }

        if (s.Activation == "relu")
        {
            // The exact zeros: a bar of their own just left of 0, in the flat colour.
            bars.Add(new Bar { Position = h.Min - (h.BinWidth / 2), Value = s.ZeroActivations, Size = h.BinWidth, FillColor = Palette.Negative, LineWidth = 0 });
        }

        plot.Add.Bars(bars);
        var lines = new List<string>();
        if (s.FlatRule is not null)
        {
            bool relu = s.Activation == "relu";
            lines.Add(Invariant($"{(relu ? "inactive" : "saturated")}, {s.FlatRule}: {Share(s.Flat, s.Values)}"));
            lines.Add(Invariant($"{(relu ? "dead (0 on every row)" : "saturated on every row")}: {s.FlatOnEveryRow} of {s.Units} units"));
        }
        else
        {
            lines.Add(Invariant($"{s.Rows:N0} rows × {s.Units} unit{(s.Units == 1 ? "" : "s")}"));
        }

        if (h.NotFinite > 0)
        {
            lines.Add(Invariant($"not finite (NaN or ∞): {h.NotFinite:N0}"));
        }

        Note(plot, string.Join("\n", lines));
        Finish(plot, title, s.FlatRule is null ? "activation a" : "activation a (red: where its slope is about 0)");
        return plot;
    }

    private static Plot GradientPanel(LayerStatistics s, string title)
    {
        var plot = new Plot();
        Histogram h = s.LogDeltas;
        List<Bar> bars = [.. Enumerable.Range(0, h.Counts.Count).Select(bin => new Bar { Position = h.Centre(bin), Value = h.Counts[bin], Size = h.BinWidth, FillColor = Violet, LineWidth = 0 })];
        plot.Add.Bars(bars);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        int step = Math.Max(1, (int)Math.Ceiling((h.Max - h.Min) / 6));
        for (double decade = h.Min; decade <= h.Max + 1e-9; decade += step)
        {
            ticks.AddMajor(decade, Invariant($"{(decade == h.Min ? "≤" : "")}1e{decade:0}"));
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        var lines = new List<string>
        {
            Invariant($"RMS δ {Number(s.DeltaRms)} · RMS ∂L/∂W {Number(s.WeightGradientRms)}"),
            Invariant($"δ exactly 0: {Share(s.ZeroDeltas, s.Values)}"),
        };
        if (h.NotFinite > 0)
        {
            lines.Add(Invariant($"not finite (NaN or ∞): {h.NotFinite:N0}"));
        }

        Note(plot, string.Join("\n", lines));
        Finish(plot, title, "|δ| = |∂loss/∂z| of one row, one unit (log scale)");
        plot.Axes.SetLimitsX(h.Min, h.Max);
        if (h.Total == 0)
        {
            // Nothing to count: say why rather than leave an empty frame.
            var empty = plot.Add.Text(s.ZeroDeltas == s.Values ? "every δ is exactly 0:\nno gradient reaches this layer" : "no finite δ", (h.Min + h.Max) / 2, 0.4);
            empty.LabelAlignment = Alignment.MiddleCenter;
            empty.LabelFontSize = 12;
            empty.LabelFontColor = Palette.Negative;
            plot.Axes.SetLimitsY(0, 1);
        }
        return plot;
    }

    private static readonly Color Amber = Color.FromHex("#f0a500");

    private static readonly Color Violet = Color.FromHex("#7b3fa0");

    private static void Note(Plot plot, string text)
    {
        var note = plot.Add.Annotation(text, Alignment.UpperRight);
        note.LabelFontSize = 10;
        note.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        note.LabelBorderColor = Colors.Gray;
    }

    private static void Finish(Plot plot, string title, string xLabel)
    {
        plot.Title(title, size: 11);
        plot.Axes.Bottom.Label.Text = xLabel;
        plot.Axes.Bottom.Label.FontSize = 11;
        plot.Axes.Left.Label.Text = "count";
        plot.Axes.Left.Label.FontSize = 11;
        plot.Axes.Margins(bottom: 0, top: 0.45);
    }

    private static string Name(int layer, int layers) => layer == layers - 1 ? "output layer" : $"layer {layer + 1}";

    private static string Share(int count, int total) => total == 0 ? "0%" : Invariant($"{100.0 * count / total:0.#}%");

    /// <summary>A gradient's size, readable at any scale: 0.0123, 1.2e-05.</summary>
    public static string Number(double value) => value == 0 || (Math.Abs(value) >= 1e-3 && Math.Abs(value) < 1e4)
        ? value.ToString("0.####", CultureInfo.InvariantCulture)
        : value.ToString("0.0e+0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
