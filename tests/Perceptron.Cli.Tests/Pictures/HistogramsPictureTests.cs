using Perceptron.Activations;
using Perceptron.Cli.Pictures;
using Perceptron.Tensors;
using SkiaSharp;

namespace Perceptron.Cli.Tests.Pictures;

/// <summary>
/// The per-layer histograms account for every row × unit value, count saturated and dead units as a direct count
/// does, use each row's own gradient, and are drawn as distinct, non-blank panels.
/// </summary>
public class HistogramsPictureTests
{
    private const int Rows = 200;

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("relu")]
    [InlineData("tanh")]
    public void Counts_AccountForEveryRowAndUnit_AndFlatUnitsAreCountedExactly(string hidden)
    {
        var view = SmallNetworks.Regression(Activation.FromName(hidden), Activation.Linear, seed: 5, 6, 4);

        // Unit 1 of layer 1 is pinned: a large bias saturates a sigmoid or tanh; a large negative one kills a ReLU.
        view.Layers[0].Weights[0] = view.Layers[0].Weights[6] = 0;
        view.Layers[0].Bias[0] = hidden == "relu" ? -50 : 50;
        var (x, y) = Data(view);
        var pass = EnginePass.Run(view, x, y);
        var statistics = HistogramsPicture.Measure(view, [pass])[0];

        for (int layer = 0; layer < view.Layers.Count; layer++)
        {
            LayerStatistics s = statistics[layer];
            int units = view.Layers[layer].Units;
            Assert.Equal(Rows * units, s.Values);
            Assert.Equal(s.Values, s.Activations.Total + s.Activations.NotFinite + s.ZeroActivations);
            Assert.Equal(s.Values, s.LogDeltas.Total + s.LogDeltas.NotFinite + s.ZeroDeltas);

            // An independent count of the flat values and of the units flat on every row.
            Func<double, bool> flat = s.Activation switch
            {
                "sigmoid" => a => a < 0.01 || a > 0.99,
                "tanh" => a => Math.Abs(a) > 0.98,
                "relu" => a => a == 0,
                _ => _ => false,
            };
            double[] a = pass.Layers[layer].Activations;
            Assert.Equal(a.Count(flat), s.Flat);
            int always = Enumerable.Range(0, units).Count(unit => Enumerable.Range(0, Rows).All(row => flat(a[(row * units) + unit])));
            Assert.Equal(s.FlatRule is null ? 0 : always, s.FlatOnEveryRow);
            double rms = Math.Sqrt(pass.Layers[layer].Deltas.Sum(d => d * Rows * d * Rows) / s.Values);
            Assert.Equal(rms, s.DeltaRms, rms * 1e-9);
        }

        Assert.True(statistics[0].FlatOnEveryRow >= 1, "the pinned unit is flat on every row");
        if (hidden == "relu")
        {
            // A dead ReLU passes no gradient: its δ is exactly 0 on every row.
            Assert.True(statistics[0].ZeroDeltas >= Rows);
        }
    }

    [Fact]
    public void RowGradients_AreEachRowsOwnGradient()
    {
        var view = SmallNetworks.Regression(Activation.Sigmoid, Activation.Linear, seed: 9, 5);
        var (x, y) = Data(view);
        var batch = EnginePass.Run(view, x, y);
        foreach (int row in new[] { 0, 17, Rows - 1 })
        {
            var one = EnginePass.Run(view, new Matrix<float>(1, 2, x.Row(row).ToArray()), new Matrix<float>(1, 1, [y[row, 0]]));
            for (int layer = 0; layer < view.Layers.Count; layer++)
            {
                int units = view.Layers[layer].Units;
                for (int j = 0; j < units; j++)
                {
                    double own = one.Layers[layer].Deltas[j], fromBatch = batch.Layers[layer].Deltas[(row * units) + j] * Rows;
                    Assert.True(Math.Abs(own - fromBatch) <= 1e-6 + (1e-4 * Math.Abs(own)), $"row {row}, layer {layer + 1}, unit {j + 1}: {own} vs {fromBatch}");
                }
            }
        }
    }

    [Fact]
    public void Picture_HasOneDistinctPanelPerLayerAndKind_ForEachPass()
    {
        var view = SmallNetworks.Regression(Activation.Sigmoid, Activation.Linear, seed: 5, 8, 8);
        var (x, y) = Data(view);
        float[] early = view.Model.Network.Parameters.ToArray();
        for (int i = 0; i < early.Length; i++)
        {
            early[i] *= 4;
        }

        var passes = new[] { EnginePass.Run(view, x, y, early), EnginePass.Run(view, x, y) };
        var plots = HistogramsPicture.Build(HistogramsPicture.Measure(view, passes), ["weights × 4", "as trained"]);
        Assert.Equal(2 * 2 * 3, plots.Count);

        using var folder = new TempFolder();
        string path = folder.File("histograms.png");
        int width = 3 * HistogramsPicture.PanelWidth, height = 4 * HistogramsPicture.PanelHeight;
        PictureFile.Save(plots, 3, path, width, height);
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        Assert.True(bitmap.Pixels.Distinct().Count() > 100, "the histograms look blank");
        var tiles = new List<string>();
        for (int row = 0; row < 4; row++)
        {
            for (int column = 0; column < 3; column++)
            {
                var (left, top) = (column * HistogramsPicture.PanelWidth, row * HistogramsPicture.PanelHeight);
                var pixels = Enumerable.Range(top, HistogramsPicture.PanelHeight).SelectMany(py => Enumerable.Range(left, HistogramsPicture.PanelWidth).Select(px => bitmap.GetPixel(px, py))).ToList();
                Assert.True(pixels.Count(p => p != SKColors.White) > 2000, $"panel {row},{column} is nearly empty");
                tiles.Add(string.Join(",", pixels.Select(p => (uint)p)).GetHashCode(StringComparison.Ordinal).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.Equal(12, tiles.Distinct().Count());
    }

    private static (Matrix<float> X, Matrix<float> Y) Data(NetworkView view)
    {
        var random = new Random(3);
        var x = new Matrix<float>(Rows, 2);
        var y = new Matrix<float>(Rows, 1);
        for (int row = 0; row < Rows; row++)
        {
            x[row, 0] = (float)random.NextDouble();
            x[row, 1] = (float)random.NextDouble();
            y[row, 0] = x[row, 0] + x[row, 1];
        }

        return (x, y);
    }
}
