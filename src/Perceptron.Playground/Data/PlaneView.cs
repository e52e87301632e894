using Perceptron.Data;

namespace Perceptron.Playground.Data;

/// <summary>How a data set lies in a plane: the drawn area, the axis names, the points and the row for a position.</summary>
/// <param name="MinX1">Left edge.</param>
/// <param name="MaxX1">Right edge.</param>
/// <param name="MinX2">Bottom edge.</param>
/// <param name="MaxX2">Top edge.</param>
/// <param name="Axes">The two axis names.</param>
/// <param name="TrainPoints">Training points: position and label (class −1/+1 or value).</param>
/// <param name="TestPoints">Test points.</param>
/// <param name="Row">The network's raw input row for a position.</param>
internal sealed record PlaneView(
    double MinX1, double MaxX1, double MinX2, double MaxX2, string[] Axes,
    (double X1, double X2, double Label)[] TrainPoints, (double X1, double X2, double Label)[] TestPoints,
    Func<double, double, double[]> Row)
{
    /// <summary>The plane of a two-feature table: its range padded by 5 %, labels as −1/+1 for two classes or the class index.</summary>
    public static PlaneView ForTable(TabularDataset train, TabularDataset test)
    {
        var all = Enumerable.Range(0, train.Rows).Select(r => (train.Features[r, 0], train.Features[r, 1]))
            .Concat(Enumerable.Range(0, test.Rows).Select(r => (test.Features[r, 0], test.Features[r, 1]))).ToArray();
        double min1 = all.Min(p => p.Item1), max1 = all.Max(p => p.Item1), min2 = all.Min(p => p.Item2), max2 = all.Max(p => p.Item2);
        double pad1 = Math.Max((max1 - min1) * 0.05, 1e-3), pad2 = Math.Max((max2 - min2) * 0.05, 1e-3);
        return new PlaneView(min1 - pad1, max1 + pad1, min2 - pad2, max2 + pad2, [.. train.FeatureNames],
            Points(train), Points(test), (x1, x2) => [x1, x2]);
    }

    private static (double, double, double)[] Points(TabularDataset data) =>
        [.. Enumerable.Range(0, data.Rows).Select(r => ((double)data.Features[r, 0], (double)data.Features[r, 1], Label(data, r)))];

    private static double Label(TabularDataset data, int row) => data.Task == TaskKind.Regression
        ? data.Targets![row]
        : data.ClassCount == 2 ? (data.Labels![row] == 1 ? 1 : -1) : data.Labels![row];
}
