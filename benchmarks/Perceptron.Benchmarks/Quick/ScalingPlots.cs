using System.Globalization;
using System.Text.Json;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Perceptron.Benchmarks.Quick;

/// <summary>
/// <c>scaling-plot RECORDS.jsonl DIR</c>: draws scaling.sh's records as PNGs in DIR (log-log; time per epoch and peak
/// memory against rows, width and depth; time against threads), each measured curve beside the expected one, and
/// writes the records there as scaling.json. Expected time grows as the FLOPs (6 per parameter and row) and is
/// anchored at the largest point, where fixed costs matter least; expected memory is the smallest point's measured
/// memory plus the modelled growth (training data, then parameters, gradients and Adam's moments); expected time on
/// N threads is the 1-thread time / N.
/// </summary>
internal static class ScalingPlots
{
    public static int Run(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: scaling-plot RECORDS.jsonl OUT_DIR");
            return 2;
        }

        var records = File.ReadLines(args[0]).Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<ScalingRecord>(l, ScalingRecord.Json)!).ToList();
        string outDir = args[1];
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "scaling.json"), JsonSerializer.Serialize(records, new JsonSerializerOptions(ScalingRecord.Json) { WriteIndented = true }) + "\n");

        foreach (var (sweep, label, x) in new (string, string, Func<ScalingRecord, double>)[]
        {
            ("rows", "training rows", r => r.Rows),
            ("width", "hidden width (units, 2 hidden layers)", r => r.Width),
            ("depth", "hidden layers (256 units)", r => r.Depth),
        })
        {
            var points = records.Where(r => r.Sweep == sweep).OrderBy(x).ToList();
            if (points.Count < 2)
            {
                continue;
            }

            ScalingRecord largest = points[^1], smallest = points[0];
            double[] xs = [.. points.Select(x)];
            double[] time = [.. points.Select(r => r.SecondsPerEpoch)];
            double[] expectedTime = [.. points.Select(r => largest.SecondsPerEpoch * r.Flop / largest.Flop)];
            Save(Path.Combine(outDir, $"scaling-{sweep}-time.png"), $"Time per epoch vs {sweep} ({Describe(points[0], sweep)})",
                label, "seconds per epoch", xs, time, expectedTime, "expected ∝ FLOPs (anchored at the largest)", logY: true);

            double[] memory = [.. points.Select(r => r.PeakMemoryMb)];
            double[] expectedMemory = [.. points.Select(r => smallest.PeakMemoryMb + ((Modelled(r) - Modelled(smallest)) / 1e6))];
            Save(Path.Combine(outDir, $"scaling-{sweep}-memory.png"), $"Peak memory vs {sweep} ({Describe(points[0], sweep)})",
                label, "peak resident memory (MB)", xs, memory, expectedMemory, "expected: smallest + data + 4 copies of the parameters", logY: false);
        }

        var threadPoints = records.Where(r => r.Sweep == "threads").ToList();
        if (threadPoints.Count >= 2)
        {
            var plot = new Plot();
            foreach (var group in threadPoints.GroupBy(r => r.Width))
            {
                var points = group.OrderBy(r => r.Threads).ToList();
                double[] xs = [.. points.Select(r => (double)r.Threads)];
                var measured = plot.Add.Scatter(xs, [.. points.Select(r => r.SecondsPerEpoch)]);
                measured.LegendText = $"measured, width {group.Key}";
                var ideal = plot.Add.Scatter(xs, [.. points.Select(r => points[0].SecondsPerEpoch * points[0].Threads / r.Threads)]);
                ideal.LegendText = $"expected 1/threads, width {group.Key}";
                ideal.LinePattern = LinePattern.Dashed;
                ideal.Color = measured.Color;
                ideal.MarkerSize = 0;
            }

            plot.Title($"Time per epoch vs threads ({threadPoints[0].Rows:N0} rows, depth {threadPoints[0].Depth})");
            plot.Axes.Bottom.Label.Text = "threads";
            plot.Axes.Left.Label.Text = "seconds per epoch";
            plot.Axes.Bottom.TickGenerator = new NumericFixedInterval(1);
            plot.Axes.SetLimitsY(0, threadPoints.Max(r => r.SecondsPerEpoch) * 1.1);
            plot.ShowLegend(Alignment.UpperRight);
            plot.SavePng(Path.Combine(outDir, "scaling-threads-time.png"), 800, 500);
        }

        Console.WriteLine($"{records.Count} records and the plots written to {outDir}");
        return 0;
    }

    // The memory the model of the plot expects to grow: the training data and 4 copies of the parameters.
    private static double Modelled(ScalingRecord r) => r.DataBytes + r.ModelBytes;

    private static string Describe(ScalingRecord r, string sweep) => sweep switch
    {
        "rows" => $"width {r.Width}, depth {r.Depth}, {r.Threads} threads",
        "width" => $"{r.Rows:N0} rows, depth {r.Depth}, {r.Threads} threads",
        _ => $"{r.Rows:N0} rows, width {r.Width}, {r.Threads} threads",
    };

    // Log x always; log y for times (so a power law is a straight line of its exponent's slope), linear y for memory
    // (it spans less than a decade until the data dominates, and a log axis would show no labels).
    private static void Save(string path, string title, string xLabel, string yLabel, double[] xs, double[] measured, double[] expected, string expectedLabel, bool logY)
    {
        var plot = new Plot();
        Func<double, double> y = logY ? v => Math.Log10(Math.Max(v, 1e-12)) : v => v;
        double[] logX = [.. xs.Select(Math.Log10)];
        var line = plot.Add.Scatter(logX, [.. measured.Select(y)]);
        line.LegendText = "measured";
        var model = plot.Add.Scatter(logX, [.. expected.Select(y)]);
        model.LegendText = expectedLabel;
        model.LinePattern = LinePattern.Dashed;
        model.MarkerSize = 0;
        plot.Title(title);
        plot.Axes.Bottom.Label.Text = xLabel + " (log scale)";
        plot.Axes.Left.Label.Text = yLabel + (logY ? " (log scale)" : "");
        plot.Axes.Bottom.TickGenerator = LogTicks();
        if (logY)
        {
            plot.Axes.Left.TickGenerator = LogTicks();
        }
        else
        {
            plot.Axes.SetLimitsY(0, Math.Max(measured.Max(), expected.Max()) * 1.1);
        }

        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 800, 500);
    }

    private static NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = v => Math.Pow(10, v) is var value && value >= 1000
            ? value.ToString("N0", CultureInfo.InvariantCulture)
            : value.ToString("G4", CultureInfo.InvariantCulture),
    };
}
