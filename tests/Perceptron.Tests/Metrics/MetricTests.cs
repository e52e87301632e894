using Perceptron.Metrics;

namespace Perceptron.Tests.Metrics;

public class MetricTests
{
    [Fact]
    public void Accuracy_OneHotAndSparseTargets_CountArgmaxMatches()
    {
        var accuracy = new Accuracy();
        accuracy.Update<double>([0.1, 0.7, 0.2, 0.5, 0.3, 0.2, 0.2, 0.2, 0.6], [0, 1, 0, 0, 1, 0, 0, 0, 1], 3, 3, 3);
        Assert.Equal(2.0 / 3, accuracy.Result, 1e-12);

        accuracy.Reset();
        accuracy.Update<double>([0.1, 0.7, 0.2, 0.5, 0.3, 0.2], [1, 2], 2, 3, 1);
        Assert.Equal(0.5, accuracy.Result, 1e-12);
    }

    [Fact]
    public void BinaryAccuracy_UsesTheThreshold()
    {
        var metric = new BinaryAccuracy();
        metric.Update<float>([0.9f, 0.4f, 0.6f, 0.1f], [1, 1, 0, 0], 4, 1, 1);
        Assert.Equal(0.5, metric.Result, 1e-12);

        var logits = new BinaryAccuracy(threshold: 0);
        logits.Update<float>([2f, -1f], [1, 0], 2, 1, 1);
        Assert.Equal(1.0, logits.Result);
    }

    [Fact]
    public void R2_MatchesDefinition()
    {
        double[] y = [3, -0.5, 2, 7], p = [2.5, 0.0, 2, 8];
        var r2 = new R2Score();
        r2.Update<double>(p[..2], y[..2], 2, 1, 1);
        r2.Update<double>(p[2..], y[2..], 2, 1, 1);

        // scikit-learn's r2_score example: 0.948…
        double mean = y.Average();
        double expected = 1 - y.Zip(p, (a, b) => (a - b) * (a - b)).Sum() / y.Sum(a => (a - mean) * (a - mean));
        Assert.Equal(expected, r2.Result, 1e-12);
        Assert.Equal(0.9486081370449679, r2.Result, 1e-12);
    }

    [Fact]
    public void MeanAbsoluteError_AccumulatesAcrossBatches()
    {
        var mae = new MeanAbsoluteErrorMetric();
        mae.Update<double>([1, 2], [0, 0], 2, 1, 1);
        mae.Update<double>([3, 4], [0, 0], 1, 2, 2);
        Assert.Equal(2.5, mae.Result, 1e-12);
    }

    [Fact]
    public void EmptyMetric_IsNaN() => Assert.True(double.IsNaN(new Accuracy().Result));
}
