using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Tests.Training;

/// <summary><see cref="Sequential{T}.ComputeGradients"/> and the split of the logged loss into data loss and penalty.</summary>
public class SequentialGradientsTests
{
    [Fact]
    public void ComputeGradients_ChangesNeitherParametersNorOptimizer_AndIsTheFirstStepsGradient()
    {
        var (x, y) = Data(rows: 6, seed: 1);
        var model = Model(l2: 0.01, momentum: 0.9);
        float[] before = model.Parameters.ToArray();

        LossBreakdown loss = model.ComputeGradients(x, y);
        float[] gradients = model.Gradients.ToArray();

        Assert.Equal(before, model.Parameters.ToArray());
        Assert.Equal(0, model.Optimizer!.Iterations);
        Assert.Equal(loss, model.ComputeGradients(x, y));

        // One full-batch step of SGD from a zero velocity moves every parameter by −η·g exactly.
        model.Fit(x, y, new TrainingOptions { Epochs = 1, BatchSize = x.Rows, Shuffle = false });
        float[] after = model.Parameters.ToArray();
        for (int i = 0; i < after.Length; i++)
        {
            Assert.Equal(before[i] - 0.1f * gradients[i], after[i]);
        }
    }

    [Fact]
    public void ComputeGradients_SplitsTheObjective_IntoDataLossAndPenalty()
    {
        var (x, y) = Data(rows: 5, seed: 2);
        var model = Model(l2: 0.02);

        LossBreakdown loss = model.ComputeGradients(x, y);

        double penalty = 0;
        foreach (var dense in model.Layers.OfType<Dense>())
        {
            foreach (float w in dense.Weights)
            {
                penalty += 0.02 * w * w;
            }
        }

        Assert.Equal(penalty, loss.Penalty, 1e-6);
        Assert.Equal(model.Evaluate(x, y)["loss"], loss.DataLoss, 1e-6);
        Assert.Equal(loss.DataLoss + loss.Penalty, loss.Total);
    }

    [Fact]
    public void Fit_LogsTheDataLossAsLoss_AndThePenaltyApart_OnlyWhenThereIsOne()
    {
        var (x, y) = Data(rows: 8, seed: 3);
        var withL2 = Model(l2: 0.05);
        float[] start = withL2.Parameters.ToArray();
        LossBreakdown first = withL2.ComputeGradients(x, y);

        History history = withL2.Fit(x, y, new TrainingOptions { Epochs = 2, BatchSize = 8, Shuffle = false }, x, y);

        // One batch per epoch: epoch 1's logs are the losses at the starting weights.
        Assert.Equal(first.DataLoss, history["loss"][0], 1e-12);
        Assert.Equal(first.Penalty, history["penalty"][0], 1e-12);
        Assert.True(history["penalty"][0] > 0.01 * history["loss"][0], "the penalty should be visible in this test");
        // val_loss, like Evaluate, is the data loss too.
        Assert.Equal(withL2.Evaluate(x, y)["loss"], history["val_loss"][^1], 1e-12);
        Assert.NotEqual(start, withL2.Parameters.ToArray());

        History without = Model(l2: 0).Fit(x, y, epochs: 1, batchSize: 8);
        Assert.False(without.Values.ContainsKey("penalty"));
    }

    private static Sequential Model(double l2, double momentum = 0)
    {
        var model = new Sequential(new Dense(4, Activation.Tanh, l2: l2, inputs: 3), new Dense(2, l2: l2)) { Seed = 5 };
        model.Compile(new Sgd(0.1, momentum), new MeanSquaredError());
        return model;
    }

    private static (Matrix<float> X, Matrix<float> Y) Data(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new Matrix<float>(rows, 3);
        var y = new Matrix<float>(rows, 2);
        foreach (ref float value in x.AsSpan())
        {
            value = (float)(random.NextDouble() * 2 - 1);
        }

        foreach (ref float value in y.AsSpan())
        {
            value = (float)random.NextDouble();
        }

        return (x, y);
    }
}
