using Perceptron.Data;
using Perceptron.Tabular;
using Perceptron.Tensors;
using Perceptron.Training.Callbacks;

namespace Perceptron.Tests.Tabular;

public class TabularModelTests
{
    private static readonly Lazy<(TabularModel Model, DatasetSplit Split)> Iris = new(() =>
    {
        DatasetSplit split = DataSplit.HoldOut(BuiltInDatasets.Load("iris"), 0.2, seed: 1);
        return (TabularTrainer.Train(split.Train, new TabularOptions { Layers = [8], Epochs = 20, Seed = 1 }).Model, split);
    });

    [Fact]
    public void PredictRow_MatchesPredictOnAMatrix()
    {
        var (model, split) = Iris.Value;
        Matrix<float> batch = model.Predict(split.Test.Features);
        for (int row = 0; row < 3; row++)
        {
            // Equal up to float rounding: a one-row product may take the reference kernel, which sums in another order.
            float[] single = model.Predict((ReadOnlySpan<float>)split.Test.Features.Row(row));
            Assert.All(single.Zip(batch.Row(row).ToArray()), pair => Assert.Equal(pair.Second, pair.First, 1e-6f));
        }

        Assert.Contains("takes 4 features", Assert.Throws<ArgumentException>(() => model.Predict([1f, 2f])).Message, StringComparison.Ordinal);
    }

    /// <summary>Accuracy and loss come from the Metrics and Losses types: recomputed here by hand from the predictions.</summary>
    [Fact]
    public void Evaluate_Classification_AgreesWithAHandCount()
    {
        var (model, split) = Iris.Value;
        var evaluation = model.Evaluate(split.Test);
        int[] predicted = TabularModel.PredictedClasses(model.Predict(split.Test.Features));
        double accuracy = predicted.Zip(split.Test.Labels!).Count(p => p.First == p.Second) / (double)split.Test.Rows;
        Matrix<float> p = model.Predict(split.Test.Features);
        double crossEntropy = split.Test.Labels!.Select((label, row) => -Math.Log(p[row, label])).Average();

        Assert.Equal(accuracy, evaluation.Accuracy);
        Assert.Equal(crossEntropy, evaluation.Loss, 4);
        Assert.Equal(split.Test.Rows, evaluation.ConfusionMatrix!.Cast<int>().Sum());
    }

    [Fact]
    public void WritePredictions_WritesTheClassThenEachProbability()
    {
        var (model, split) = Iris.Value;
        var writer = new StringWriter();
        model.WritePredictions(writer, model.Predict(split.Test.Features.SelectRows([0, 1])));
        string[] lines = writer.ToString().TrimEnd().Split('\n');

        Assert.Equal("class,p_setosa,p_versicolor,p_virginica", lines[0].TrimEnd('\r'));
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task TrainAsync_ReportsEveryEpoch_AndCancels()
    {
        var data = BuiltInDatasets.Load("iris");
        var seen = new List<int>();
        var result = await TabularTrainer.TrainAsync(data, new TabularOptions { Layers = [4], Epochs = 3 }, new Recorder(seen), TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3], seen);
        Assert.Equal(3, result.History.Epochs);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TabularTrainer.TrainAsync(data, new TabularOptions { Epochs = 3 }, cancellationToken: new CancellationToken(canceled: true)));
    }

    /// <summary>Reports synchronously on the training thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Recorder(List<int> epochs) : IProgress<EpochResult>
    {
        public void Report(EpochResult value) => epochs.Add(value.Epoch);
    }
}
