using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tabular;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Tests.Training;

/// <summary>Numbers at the edge of float32: huge inputs, saturated probabilities, clipping. Training either learns or
/// stops before the bad step with a message naming epoch and batch; it never carries on with NaN.</summary>
public class NumericalGuardTests
{
    [Theory]
    [InlineData(1e30f)]
    [InlineData(1e15f)]
    [InlineData(-3e38f)]
    public void Fit_HugeInputs_StopsBeforeTheBadStep_NamingEpochBatchAndScaling(float scale)
    {
        var (x, y) = Data(scale);
        var model = new Sequential(new Dense(8, Activation.Relu), new Dense(1)) { Seed = 1 };
        model.Compile(new Sgd(0.01), new MeanSquaredError());
        model.Build(2);
        float[] initial = model.Parameters.ToArray();

        History history = model.Fit(x, y, epochs: 3, batchSize: 16);

        Assert.True(history.Diverged, $"loss {string.Join(", ", history.Values.GetValueOrDefault("loss") ?? [])}");
        Assert.Matches(@"at epoch 1, batch 1;", history.StopReason);
        Assert.Contains("scaling the inputs", history.StopReason, StringComparison.Ordinal);
        Assert.Equal(initial, model.Parameters.ToArray()); // the first step was the bad one, so nothing changed
    }

    [Fact]
    public void Fit_HugeInputs_WithClipNorm_StillStopsRatherThanTrainOnInfinity()
    {
        // Clipping cannot rescue a gradient that is already ∞: the guard runs before the clip.
        var (x, y) = Data(1e30f);
        var model = new Sequential(new Dense(8, Activation.Relu), new Dense(1)) { Seed = 1 };
        model.Compile(new Sgd(0.01), new MeanSquaredError());

        History history = model.Fit(x, y, new TrainingOptions { Epochs = 2, ClipNorm = 1 });

        Assert.True(history.Diverged);
        Assert.All(model.Parameters.ToArray(), w => Assert.True(float.IsFinite(w)));
    }

    [Fact]
    public void Fit_LargeButRepresentableInputs_WithClipping_TrainsToFiniteWeights()
    {
        // 1e4 inputs with a learning rate that diverges unclipped: ClipNorm keeps every step finite.
        var (x, y) = Data(1e4f);
        History Train(double? clipNorm)
        {
            var model = new Sequential(new Dense(8, Activation.Relu), new Dense(1)) { Seed = 1 };
            model.Compile(new Sgd(0.1), new MeanSquaredError());
            History history = model.Fit(x, y, new TrainingOptions { Epochs = 5, BatchSize = 16, ClipNorm = clipNorm });
            Assert.All(model.Parameters.ToArray(), w => Assert.True(float.IsFinite(w)));
            return history;
        }

        Assert.True(Train(clipNorm: null).Diverged);
        History clipped = Train(clipNorm: 1);
        Assert.False(clipped.Diverged);
        Assert.All(clipped["loss"], loss => Assert.True(double.IsFinite(loss)));
    }

    [Fact]
    public void Fit_ClipValue_BoundsEveryGradientElement()
    {
        var (x, y) = Data(1e3f);
        var model = new Sequential(new Dense(4, Activation.Tanh), new Dense(1)) { Seed = 2 };
        model.Compile(new Sgd(1e-3), new MeanSquaredError());
        model.Build(2);
        float[] before = model.Parameters.ToArray();

        model.Fit(x, y, new TrainingOptions { Epochs = 1, BatchSize = x.Rows, Shuffle = false, ClipValue = 0.5 });

        // One plain SGD step: each parameter moved by at most η · 0.5.
        float[] after = model.Parameters.ToArray();
        Assert.All(Enumerable.Range(0, before.Length), i => Assert.True(Math.Abs(after[i] - before[i]) <= 1e-3 * 0.5 * 1.0001, $"{i}: {before[i]} → {after[i]}"));
    }

    [Theory]
    [InlineData(100f)]
    [InlineData(-100f)]
    [InlineData(1e30f)]
    public void BinaryCrossEntropy_SaturatedSigmoid_GivesFiniteLossAndExactGradient(float logit)
    {
        // σ(±100) is exactly 1 or 0 in float32; the loss is computed from the logit, so log(0) never happens.
        float[] gradient = new float[2];
        double loss = new BinaryCrossEntropy().Compute<float>([logit, logit], [1f, 0f], gradient, 2, 1);

        Assert.True(double.IsFinite(loss), $"loss {loss}");
        Assert.Equal(Math.Abs((double)logit) / 2, loss, Math.Abs(logit) * 1e-6);
        float p = logit > 0 ? 1 : 0;
        Assert.Equal((p - 1) / 2, gradient[0]);
        Assert.Equal(p / 2, gradient[1]);
    }

    [Fact]
    public void SparseCategoricalCrossEntropy_ProbabilityNearZeroAndOne_GivesFiniteLossAndGradient()
    {
        // Row 0: the true class has probability ≈ e^-200 (0 in float32); row 1: ≈ 1 − e^-200 (1 in float32).
        float[] logits = [100f, -100f, 0f, 100f, -100f, 0f];
        float[] gradient = new float[6];
        double loss = new SparseCategoricalCrossEntropy().Compute<float>(logits, [1f, 0f], gradient, 2, 3);

        Assert.Equal((200 + 0) / 2.0, loss, 1e-3);
        Assert.All(gradient, g => Assert.True(float.IsFinite(g)));
        Assert.Equal(-0.5f, gradient[1], 1e-6f);
        Assert.Equal(0f, gradient[3], 1e-6f);
    }

    [Fact]
    public void Softmax_HugeLogits_GiveAProbabilityDistribution()
    {
        var model = new Sequential(new Dense(3, Activation.Softmax, inputs: 1)) { Seed = 1 };
        model.Build(1);
        model.Parameters.Clear();
        var dense = (Dense)model.Layers[0];
        dense.Weights[0] = 3e38f;
        dense.Weights[1] = 1e38f;
        dense.Weights[2] = -3e38f;

        Matrix<float> p = model.Predict(new Matrix<float>(1, 1, [1f]));

        Assert.Equal(1f, p[0, 0]);
        Assert.Equal(0f, p[0, 1]);
        Assert.Equal(0f, p[0, 2]);
    }

    [Fact]
    public void ModelFilePredict_OutputOverflows_NamesTheRowInsteadOfReturningInfinity()
    {
        var model = new Sequential(new Dense(1, inputs: 2)) { Seed = 1 };
        model.Build(2);
        model.Parameters.Fill(1e38f); // both weights and the bias
        var file = new Perceptron.Tabular.TabularModel(model);

        Assert.True(float.IsFinite(file.Predict(new Matrix<float>(1, 2, [0.1f, 0.1f]))[0, 0]));
        var e = Assert.Throws<ArgumentException>(() => file.Predict(new Matrix<float>(2, 2, [0.1f, 0.1f, 1e30f, 5f])));
        Assert.Contains("row 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("not a finite number", e.Message, StringComparison.Ordinal);
    }

    /// <summary>y = x0 + x1 on inputs of the given magnitude.</summary>
    private static (Matrix<float> X, Matrix<float> Y) Data(float scale)
    {
        var random = new Random(3);
        var x = new Matrix<float>(64, 2);
        var y = new Matrix<float>(64, 1);
        for (int row = 0; row < 64; row++)
        {
            x[row, 0] = (float)random.NextDouble() * scale;
            x[row, 1] = (float)random.NextDouble() * scale;
            y[row, 0] = x[row, 0] / 2 + x[row, 1] / 2;
        }

        return (x, y);
    }
}
