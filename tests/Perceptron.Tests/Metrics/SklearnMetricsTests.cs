using System.Text.Json;
using Perceptron.Metrics;
using Perceptron.Tabular;
using Perceptron.Tensors;
using Perceptron.Tests.Support;

namespace Perceptron.Tests.Metrics;

/// <summary>The classification report, log loss, ROC-AUC and regression errors against scikit-learn on fixed predictions
/// (Fixtures/sklearn_metrics.json, written by Fixtures/sklearn_metrics.py).</summary>
public class SklearnMetricsTests
{
    /// <summary>The fixture's probabilities are float64; ours are float32, which moves a log loss by ~1e-7 relative.</summary>
    private const double Float32Probabilities = 1e-6;

    private static readonly JsonElement Fixture = Load();

    public static TheoryData<string> ClassificationCases() => [.. Fixture.GetProperty("classification").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    public static TheoryData<string> BinaryCases() =>
        [.. Fixture.GetProperty("classification").EnumerateArray().Where(c => c.TryGetProperty("roc_auc", out _)).Select(c => c.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(ClassificationCases))]
    public void ClassificationReport_MatchesScikitLearn(string name)
    {
        JsonElement c = Case(name);
        int classes = c.GetProperty("classes").GetInt32();
        int[] truth = Ints(c, "truth");
        int[] predicted = TabularModel.PredictedClasses(Probabilities(c));
        Assert.Equal(Ints(c, "predicted"), predicted);

        var report = ClassificationReport.FromPredictions(truth, predicted, classes);

        Assert.Equal(c.GetProperty("accuracy").GetDouble(), report.Accuracy, Tolerances.SameAlgorithmFloat64);
        AssertClose.Values(Doubles(c, "precision"), [.. report.Classes.Select(s => s.Precision)], Tolerances.SameAlgorithmFloat64, what: "precision");
        AssertClose.Values(Doubles(c, "recall"), [.. report.Classes.Select(s => s.Recall)], Tolerances.SameAlgorithmFloat64, what: "recall");
        AssertClose.Values(Doubles(c, "f1"), [.. report.Classes.Select(s => s.F1)], Tolerances.SameAlgorithmFloat64, what: "f1");
        Assert.Equal(Ints(c, "support"), report.Classes.Select(s => s.Support));
        AssertClose.Values(Doubles(c, "macro"), [report.MacroAverage.Precision, report.MacroAverage.Recall, report.MacroAverage.F1], Tolerances.SameAlgorithmFloat64, what: "macro average");
        AssertClose.Values(Doubles(c, "weighted"), [report.WeightedAverage.Precision, report.WeightedAverage.Recall, report.WeightedAverage.F1], Tolerances.SameAlgorithmFloat64, what: "weighted average");
        Assert.Equal(Ints(c, "confusion"), report.ConfusionMatrix.Cast<int>());
    }

    [Theory]
    [MemberData(nameof(ClassificationCases))]
    public void LogLoss_MatchesScikitLearn(string name)
    {
        JsonElement c = Case(name);
        double expected = c.GetProperty("log_loss").GetDouble();
        double actual = LogLoss.Compute(Probabilities(c).Data, Ints(c, "truth"), c.GetProperty("columns").GetInt32());
        Assert.Equal(expected, actual, Float32Probabilities * expected);
    }

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void RocAuc_MatchesScikitLearn(string name)
    {
        JsonElement c = Case(name);
        JsonElement expected = c.GetProperty("roc_auc");
        Matrix<float> p = Probabilities(c);
        double[] scores = [.. Enumerable.Range(0, p.Rows).Select(row => (double)p[row, p.Columns - 1])];

        double auc = RocAuc.Compute(scores, [.. Ints(c, "truth").Select(label => label == 1)]);

        Assert.Equal(expected.GetDouble(), auc, Tolerances.SameAlgorithmFloat64);
    }

    [Fact]
    public void RegressionErrors_MatchScikitLearn()
    {
        JsonElement r = Fixture.GetProperty("regression");
        double[] y = Doubles(r, "targets"), p = Doubles(r, "predictions");
        var r2 = new R2Score();
        var mae = new MeanAbsoluteErrorMetric();
        r2.Update<double>(p, y, y.Length, 1, 1);
        mae.Update<double>(p, y, y.Length, 1, 1);
        double mse = new Perceptron.Losses.MeanSquaredError().Compute<double>(p, y, default, y.Length, 1);
        var evaluation = new TabularEvaluation { Task = Perceptron.Data.TaskKind.Regression, Rows = y.Length, Loss = 0, Mse = mse };

        Assert.Equal(r.GetProperty("r2").GetDouble(), r2.Result, Tolerances.SameAlgorithmFloat64);
        Assert.Equal(r.GetProperty("mae").GetDouble(), mae.Result, Tolerances.SameAlgorithmFloat64);
        Assert.Equal(r.GetProperty("mse").GetDouble(), mse, Tolerances.SameAlgorithmFloat64);
        Assert.Equal(r.GetProperty("rmse").GetDouble(), evaluation.Rmse!.Value, Tolerances.SameAlgorithmFloat64);
    }

    [Fact]
    public void RocAuc_OneClassOnly_IsNaN() => Assert.True(double.IsNaN(RocAuc.Compute([0.1, 0.9], [true, true])));

    [Fact]
    public void RocAuc_PerfectAndReversedRankings_AreOneAndZero()
    {
        Assert.Equal(1.0, RocAuc.Compute([0.1, 0.2, 0.8, 0.9], [false, false, true, true]));
        Assert.Equal(0.0, RocAuc.Compute([0.9, 0.8, 0.2, 0.1], [false, false, true, true]));
        Assert.Equal(0.5, RocAuc.Compute([0.5, 0.5, 0.5, 0.5], [false, true, false, true]));
    }

    [Fact]
    public void LogLoss_ConfidentWrongAnswer_IsClippedNotInfinite() =>
        Assert.Equal(-Math.Log(2.220446049250313e-16), LogLoss.Compute([1f, 0f], [1], 2), 1e-9);

    [Fact]
    public void ClassificationReport_MismatchedLengths_Throw() =>
        Assert.Throws<ArgumentException>(() => ClassificationReport.FromPredictions([0, 1], [0], 2));

    private static JsonElement Case(string name) =>
        Fixture.GetProperty("classification").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static Matrix<float> Probabilities(JsonElement c)
    {
        int columns = c.GetProperty("columns").GetInt32();
        float[] values = [.. Doubles(c, "probabilities").Select(v => (float)v)];
        return new Matrix<float>(values.Length / columns, columns, values);
    }

    private static int[] Ints(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(v => v.GetInt32())];

    private static double[] Doubles(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];

    private static JsonElement Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestFiles.Fixture("sklearn_metrics.json")));
        return document.RootElement.Clone();
    }
}
