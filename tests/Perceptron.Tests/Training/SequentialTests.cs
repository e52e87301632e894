using Perceptron.Activations;
using Perceptron.Classic;
using Perceptron.Initializers;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Metrics;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Tests.Support;
using Perceptron.Training;
using Perceptron.Training.Callbacks;

namespace Perceptron.Tests.Training;

public class SequentialTests
{
    [Fact]
    public void Fit_SumOfTwoNumbers_LearnsToAdd()
    {
        var (x, y) = SumData(2000, seed: 1);
        var model = new Sequential(new Dense(5, Activation.Relu, inputs: 2), new Dense(1)) { Seed = 42 };
        model.Compile(new Sgd(0.1), new MeanSquaredError(), new MeanAbsoluteErrorMetric());

        History history = model.Fit(x, y, epochs: 60, batchSize: 32);

        Assert.True(history["loss"][^1] < 1e-3, $"final loss {history["loss"][^1]}");
        Assert.True(history["mae"][^1] < 0.03);
        Matrix<float> prediction = model.Predict(new Matrix<float>(new float[,] { { 0.1f, 0.2f }, { 0.2f, 0.2f } }));
        Assert.Equal(0.3, prediction[0, 0], 0.05);
        Assert.Equal(0.4, prediction[1, 0], 0.05);
    }

    [Fact]
    public void Fit_Xor_IsLearned()
    {
        var x = new Matrix<float>(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var y = new Matrix<float>(new float[,] { { 0 }, { 1 }, { 1 }, { 0 } });
        var model = new Sequential(new Dense(8, Activation.Tanh), new Dense(1, Activation.Sigmoid)) { Seed = 3 };
        model.Compile(new Adam(0.05), new BinaryCrossEntropy(), new BinaryAccuracy());

        var history = model.Fit(x, y, epochs: 300, batchSize: 4);

        Assert.Equal(1.0, history["binary_accuracy"][^1]);
        Matrix<float> p = model.Predict(x);
        Assert.True(p[0, 0] < 0.2 && p[1, 0] > 0.8 && p[2, 0] > 0.8 && p[3, 0] < 0.2, $"{p[0, 0]} {p[1, 0]} {p[2, 0]} {p[3, 0]}");
    }

    [Fact]
    public void Fit_SameSeed_GivesBitIdenticalWeights_WithShuffleAndDropout()
    {
        float[] Train(int seed)
        {
            var (x, y) = SumData(300, seed: 5);
            var model = new Sequential(new Dense(16, Activation.Relu), new Dropout(0.2), new Dense(1)) { Seed = seed };
            model.Compile(new Adam(0.01), new MeanSquaredError());
            model.Fit(x, y, epochs: 3, batchSize: 16);
            return model.Parameters.ToArray();
        }

        Assert.Equal(Train(9), Train(9));
        Assert.NotEqual(Train(9), Train(10));
    }

    [Fact]
    public void Fit_ResumedAtEpochBoundary_MatchesUninterruptedRun()
    {
        var (x, y) = SumData(200, seed: 2);
        Sequential Create() => new(new Dense(8, Activation.Relu), new Dropout(0.1), new Dense(1)) { Seed = 4 };
        var whole = Create();
        var wholeOptimizer = new Sgd(0.05, momentum: 0.9);
        whole.Compile(wholeOptimizer, new MeanSquaredError());
        whole.Fit(x, y, new TrainingOptions { Epochs = 4, BatchSize = 32 });

        var resumed = Create();
        var optimizer = new Sgd(0.05, momentum: 0.9);
        resumed.Compile(optimizer, new MeanSquaredError());
        resumed.Fit(x, y, new TrainingOptions { Epochs = 2, BatchSize = 32 });
        resumed.Fit(x, y, new TrainingOptions { Epochs = 4, BatchSize = 32, InitialEpoch = 2 });

        Assert.Equal(whole.Parameters.ToArray(), resumed.Parameters.ToArray());
    }

    [Fact]
    public void Backward_MatchesClassicMlp_OnTheSameWeights()
    {
        // The teaching path and the fast path vouch for each other: same weights, one sample.
        var classic = new MultilayerPerceptron(3, [4], 2, useBiases: true, seed: 5);
        var random = new Random(8);
        foreach (var b in classic.Biases)
        {
            for (int j = 0; j < b.Length; j++)
            {
                b[j] = random.NextDouble() - 0.5;
            }
        }

        var engine = new Sequential<double>(new Dense<double>(4, Activation.Sigmoid), new Dense<double>(2, Activation.Sigmoid)) { Seed = 1 };
        engine.Compile(new Sgd(1), new MeanSquaredError());
        engine.Build(3);
        var dense = engine.Layers.Cast<Dense<double>>().ToArray();
        for (int i = 0; i < 2; i++)
        {
            dense[i].SetWeights(classic.Weights[i]);
            classic.Biases[i].CopyTo(dense[i].Bias);
        }

        double[] x = [0.3, -0.2, 0.9], target = [0.1, 0.7];
        double[] output = classic.ForwardPropagate(x);
        classic.BackPropagate([target[0] - output[0], target[1] - output[1]]);
        engine.ComputeLossAndGradients(new Matrix<double>(1, 3, x), new Matrix<double>(1, 2, target));

        // Engine MSE averages over the K = 2 outputs: ∂(Σe²/K)/∂W = −(2/K)·classic Derivatives = −Derivatives.
        for (int i = 0; i < 2; i++)
        {
            AssertClose.Values(AssertClose.Flatten(classic.Derivatives[i]).Select(d => -d).ToArray(), dense[i].WeightGradients.ToArray(), 1e-15, 1e-12, $"dW[{i}]");
            AssertClose.Values(classic.BiasDerivatives[i].Select(d => -d).ToArray(), dense[i].BiasGradients.ToArray(), 1e-15, 1e-12, $"dB[{i}]");
        }
    }

    [Fact]
    public void Fit_ValidationSplit_LogsValidationValues_AndEarlyStoppingRestoresBest()
    {
        var (x, y) = SumData(400, seed: 3);
        var model = new Sequential(new Dense(8, Activation.Relu), new Dense(1)) { Seed = 2 };
        model.Compile(new Sgd(0.5), new MeanSquaredError());
        var stopping = new EarlyStopping(patience: 0, minDelta: 10);

        History history = model.Fit(x, y, epochs: 50, validationSplit: 0.25, callbacks: [stopping]);

        Assert.True(history.Epochs < 50);
        Assert.Contains("early stopping", history.StopReason, StringComparison.Ordinal);
        Assert.Equal(history.Epochs, history["val_loss"].Count);
        Assert.Equal(1, stopping.BestEpoch);
    }

    [Fact]
    public void Fit_DivergingLoss_StopsBeforeTheBadStep_AndNamesEpochAndBatch()
    {
        var (x, y) = SumData(256, seed: 4);
        var model = new Sequential(new Dense(8, Activation.Relu), new Dense(1)) { Seed = 2 };
        model.Compile(new Sgd(1e6), new MeanSquaredError());

        History history = model.Fit(x, y, epochs: 20, batchSize: 32);

        Assert.True(history.Diverged);
        Assert.Matches(@"epoch \d+, batch \d+", history.StopReason);
        Assert.Contains("lower learning rate", history.StopReason, StringComparison.Ordinal);
        Assert.All(model.Parameters.ToArray(), w => Assert.True(float.IsFinite(w)));
    }

    [Fact]
    public void Predict_FromManyThreads_MatchesSingleThreaded()
    {
        var (x, y) = SumData(500, seed: 6);
        var model = new Sequential(new Dense(32, Activation.Gelu), new Dense(16, Activation.Tanh), new Dense(1)) { Seed = 5 };
        model.Compile(new Adam(0.01), new MeanSquaredError());
        model.Fit(x, y, epochs: 2);
        float[] expected = model.Predict(x, batchSize: 64).Data;
        var expectedSingle = new float[x.Rows];
        for (int row = 0; row < x.Rows; row += 7)
        {
            model.Predict(x.Row(row), expectedSingle.AsSpan(row, 1));
        }

        var results = new float[8][];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var local = new float[x.Rows];
            for (int repeat = 0; repeat < 20; repeat++)
            {
                for (int row = 0; row < x.Rows; row += 7)
                {
                    model.Predict(x.Row(row), local.AsSpan(row, 1));
                }

                float[] batch = model.Predict(x, batchSize: 64).Data;
                Assert.Equal(expected, batch);
            }

            results[i] = local;
        });

        foreach (float[] local in results)
        {
            for (int row = 0; row < x.Rows; row += 7)
            {
                Assert.Equal(expectedSingle[row], local[row]);
            }
        }
    }

    [Fact]
    public void Fit_ThrowsWhenNotCompiled()
    {
        var (x, y) = SumData(10, seed: 1);
        var exception = Assert.Throws<InvalidOperationException>(() => new Sequential(new Dense(1)).Fit(x, y));
        Assert.Contains("not compiled", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_WrongInputWidth_NamesTheLayerAndBothShapes()
    {
        var (x, y) = SumData(10, seed: 1);
        var model = new Sequential(new Dense(4, inputs: 3), new Dense(1));
        model.Compile(new Sgd(0.1), new MeanSquaredError());

        var exception = Assert.Throws<ArgumentException>(() => model.Fit(x, y));

        Assert.Contains("Input has 2 features but layer 'dense' expects 3", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_WrongTargetWidth_NamesTheLossAndLayer()
    {
        var (x, _) = SumData(10, seed: 1);
        var model = new Sequential(new Dense(4), new Dense(3, Activation.Softmax));
        model.Compile(new Sgd(0.1), new CategoricalCrossEntropy());

        var exception = Assert.Throws<ArgumentException>(() => model.Fit(x, new Matrix<float>(10, 2)));

        Assert.Contains("'categorical_crossentropy'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'dense_1' (3 units) expects 3", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NaNInput_NamesRowAndColumn()
    {
        var (x, y) = SumData(10, seed: 1);
        x[7, 1] = float.NaN;
        var model = new Sequential(new Dense(1));
        model.Compile(new Sgd(0.1), new MeanSquaredError());

        var exception = Assert.Throws<ArgumentException>(() => model.Fit(x, y));
        Assert.Contains("row 7, column 1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_EmptyData_Throws()
    {
        var model = new Sequential(new Dense(1));
        model.Compile(new Sgd(0.1), new MeanSquaredError());
        Assert.Throws<ArgumentException>(() => model.Fit(new Matrix<float>(0, 2), new Matrix<float>(0, 1)));
    }

    [Fact]
    public void Compile_CrossEntropyAfterRelu_Throws()
    {
        var model = new Sequential(new Dense(3, Activation.Relu, inputs: 2));
        var exception = Assert.Throws<ArgumentException>(() => model.Compile(new Sgd(0.1), new CategoricalCrossEntropy()));
        Assert.Contains("activation 'softmax'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_SparseLabelOutOfRange_NamesTheRow()
    {
        var model = new Sequential(new Dense(3, Activation.Softmax));
        model.Compile(new Sgd(0.1), new SparseCategoricalCrossEntropy());
        var y = new Matrix<float>(new float[,] { { 0 }, { 3 } });

        var exception = Assert.Throws<ArgumentException>(() => model.Fit(new Matrix<float>(2, 2), y));
        Assert.Contains("row 1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_ListsLayersShapesAndParameterCounts()
    {
        var model = new Sequential(new Dense(256, Activation.Relu, inputs: 784), new Dropout(0.2), new Dense(128, Activation.Relu), new Dense(10, Activation.Softmax));
        model.Compile(new Adam(), new SparseCategoricalCrossEntropy());

        string summary = model.Summary();

        Assert.Contains("dense (Dense, relu)", summary, StringComparison.Ordinal);
        Assert.Contains("dropout (Dropout, rate=0.2)", summary, StringComparison.Ordinal);
        Assert.Contains("dense_2 (Dense, softmax)", summary, StringComparison.Ordinal);
        Assert.Contains("(batch, 128)", summary, StringComparison.Ordinal);
        Assert.Contains("200,960", summary, StringComparison.Ordinal);
        Assert.Contains("Total params: 235,146", summary, StringComparison.Ordinal);
        Assert.Equal(235_146, model.ParameterCount);
    }

    [Fact]
    public void Dense_WeightsCanBeSetBeforeTraining()
    {
        var model = new Sequential(new Dense(1, inputs: 2, kernelInitializer: Initializer.Zeros));
        model.Compile(new Sgd(0.1), new MeanSquaredError());
        var dense = (Dense)model.Layers[0];
        dense.SetWeights(new float[,] { { 1 }, { 1 } });
        dense.Bias[0] = 0.5f;

        Assert.Equal(0.1f + 0.2f + 0.5f, model.Predict(new Matrix<float>(new float[,] { { 0.1f, 0.2f } }))[0, 0], 1e-6f);
        Assert.Equal(new float[,] { { 1 }, { 1 } }, dense.GetWeights());
    }

    internal static (Matrix<float> X, Matrix<float> Y) SumData(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new Matrix<float>(rows, 2);
        var y = new Matrix<float>(rows, 1);
        for (int i = 0; i < rows; i++)
        {
            x[i, 0] = (float)random.NextDouble() / 2;
            x[i, 1] = (float)random.NextDouble() / 2;
            y[i, 0] = x[i, 0] + x[i, 1];
        }

        return (x, y);
    }

    [Fact]
    public async Task FitAsync_ReportsEachEpoch_AndCancels()
    {
        var model = new Sequential(new Dense(4, Activation.Relu, inputs: 2), new Dense(1)) { Seed = 1 };
        model.Compile(new Sgd(0.1), new MeanSquaredError());
        var x = new Matrix<float>(8, 2, [0, 0, 0, 1, 1, 0, 1, 1, 0.5f, 0.5f, 0.2f, 0.1f, 0.9f, 0.3f, 0.4f, 0.8f]);
        var y = new Matrix<float>(8, 1, [0, 1, 1, 2, 1, 0.3f, 1.2f, 1.2f]);
        var epochs = new List<int>();

        History history = await model.FitAsync(x, y, new TrainingOptions { Epochs = 3 }, new EpochRecorder(epochs), TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3], epochs);
        Assert.Equal(3, history.Epochs);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => model.FitAsync(x, y, new TrainingOptions { Epochs = 3 }, cancellationToken: new CancellationToken(canceled: true)));
    }

    private sealed class EpochRecorder(List<int> epochs) : IProgress<EpochResult>
    {
        public void Report(EpochResult value) => epochs.Add(value.Epoch);
    }
}
