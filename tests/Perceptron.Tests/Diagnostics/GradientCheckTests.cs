using Perceptron.Activations;
using Perceptron.Diagnostics;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Tests.Support;
using Perceptron.Training;
using UserWritten;

namespace Perceptron.Tests.Diagnostics;

public class GradientCheckTests
{
    [Fact]
    public void UserWrittenActivationAndLoss_PassTheCheck()
    {
        var model = Model(new Softplus(), new LogCosh());
        var (x, y) = Data();

        GradientCheckResult result = GradientCheck.Run(model, x, y);

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(["dense kernel", "dense bias", "dense_1 kernel", "dense_1 bias"], result.Tensors.Select(t => $"{t.Tensor.Layer} {t.Tensor.Name}"));
        Assert.All(result.Tensors, t => Assert.Equal(t.Tensor.Length, t.Checked));
        Assert.True(result.Worst!.MaxRelativeError < 1e-7, result.ToString());
        // The tests' own finite-difference loop agrees.
        FiniteDifferences.AssertGradientsMatch(model, x, y);
    }

    [Fact]
    public void WrongDerivative_FailsTheCheck_NamingTheTensorAndElement()
    {
        var model = Model(new SoftplusWithWrongDerivative(), new MeanSquaredError());
        var (x, y) = Data();

        GradientCheckResult result = GradientCheck.Run(model, x, y);

        Assert.False(result.Passed);
        // The hidden layer's derivative is wrong, so its own gradients are; the output layer's are not.
        Assert.Equal(["dense kernel", "dense bias"], result.Tensors.Where(t => !t.Passed).Select(t => $"{t.Tensor.Layer} {t.Tensor.Name}"));
        TensorCheck worst = result.Worst!;
        Assert.True(worst.MaxRelativeError > 1e-3, worst.ToString());
        TestContext.Current.TestOutputHelper?.WriteLine(result.ToString());
        var (row, column) = worst.WorstElement;
        Assert.Contains($"{worst.Tensor.Layer} {worst.Tensor.Name} [{worst.Tensor.Rows}×{worst.Tensor.Columns}]", worst.ToString(), StringComparison.Ordinal);
        Assert.Contains($"at [{row}, {column}]", worst.ToString(), StringComparison.Ordinal);
        Assert.Contains("FAILED", worst.ToString(), StringComparison.Ordinal);
        Assert.Equal(model.Gradients[worst.Tensor.Offset + worst.WorstIndex], worst.Analytic);
    }

    [Fact]
    public void Float32Model_IsCheckedThroughAFloat64Copy_AndLeftUnchanged()
    {
        var model = new Sequential(new Dense(5, Activation.Gelu, l2: 0.01, inputs: 3), new Dropout(0.3), new Dense(2, Activation.Softmax)) { Seed = 4 };
        model.Compile(new Adam(), new CategoricalCrossEntropy());
        var x = new Matrix<float>(new float[,] { { 0.5f, -1, 2 }, { 0.1f, 0.2f, -0.3f }, { -2, 1, 0 } });
        var y = new Matrix<float>(new float[,] { { 1, 0 }, { 0, 1 }, { 0, 1 } });
        float[] before = model.Parameters.ToArray();

        GradientCheckResult result = GradientCheck.Run(model, x, y);

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(before, model.Parameters.ToArray());
        Assert.Equal(model.ComputeGradients(x, y).Total, result.Loss, 1e-6);
    }

    [Fact]
    public void Float32Model_WithL1_KeepsThePenaltyInItsFloat64Copy()
    {
        var model = new Sequential(new Dense(5, Activation.Tanh, inputs: 3, l1: 0.05), new Dense(2, l2: 0.01, l1: 0.02)) { Seed = 7 };
        model.Compile(new Sgd(0.1), new MeanSquaredError());
        var x = new Matrix<float>(new float[,] { { 0.5f, -1, 2 }, { 0.1f, 0.2f, -0.3f }, { -2, 1, 0 } });
        var y = new Matrix<float>(new float[,] { { 1, 0 }, { 0, 1 }, { 0.5f, 0.5f } });

        GradientCheckResult result = GradientCheck.Run(model, x, y);

        Assert.True(result.Passed, result.ToString());
        // The objective checked is the model's own, L1 term included (a copy without it would be off by about 0.1 here).
        Assert.Equal(model.ComputeGradients(x, y).Total, result.Loss, 1e-6);
    }

    [Fact]
    public void Float32Model_WithLayerNormalization_PassesThroughTheCopy()
    {
        var model = new Sequential(new Dense(4, Activation.Relu, inputs: 3), new LayerNormalization(), new Dense(2)) { Seed = 6 };
        model.Compile(new Sgd(0.1), new Huber());
        var x = new Matrix<float>(new float[,] { { 0.5f, -1, 2 }, { 0.1f, 0.2f, -0.3f } });
        var y = new Matrix<float>(new float[,] { { 1, 0 }, { 0, 1 } });

        GradientCheckResult result = GradientCheck.Run(model, x, y);

        Assert.True(result.Passed, result.ToString());
        Assert.Contains(result.Tensors, t => t.Tensor.Name == "gamma");
    }

    [Fact]
    public void ElementsPerTensor_ChecksAnEvenSample()
    {
        var model = Model(new Softplus(), new MeanSquaredError());
        var (x, y) = Data();

        GradientCheckResult result = GradientCheck.Run(model, x, y, new GradientCheckOptions { ElementsPerTensor = 2 });

        Assert.True(result.Passed, result.ToString());
        Assert.All(result.Tensors, t => Assert.Equal(Math.Min(2, t.Tensor.Length), t.Checked));
    }

    [Fact]
    public void BadOptions_AreRejected()
    {
        var model = Model(new Softplus(), new MeanSquaredError());
        var (x, y) = Data();

        Assert.Throws<ArgumentException>(() => GradientCheck.Run(model, x, y, new GradientCheckOptions { Step = 0 }));
        Assert.Throws<ArgumentException>(() => GradientCheck.Run(model, x, y, new GradientCheckOptions { ElementsPerTensor = 0 }));
    }

    private static Sequential<double> Model(Activation hidden, Loss loss)
    {
        var model = new Sequential<double>(new Dense<double>(4, hidden, inputs: 3), new Dense<double>(2)) { Seed = 8 };
        model.Compile(new Sgd(0.1), loss);
        var random = new Random(1);
        foreach (var dense in model.Layers.OfType<Dense<double>>())
        {
            foreach (ref double b in dense.Bias)
            {
                b = random.NextDouble() - 0.5;
            }
        }

        return model;
    }

    private static (Matrix<double> X, Matrix<double> Y) Data()
    {
        var random = new Random(2);
        var x = new Matrix<double>(5, 3);
        var y = new Matrix<double>(5, 2);
        foreach (ref double value in x.AsSpan())
        {
            value = random.NextDouble() * 4 - 2;
        }

        foreach (ref double value in y.AsSpan())
        {
            value = random.NextDouble() * 2 - 1;
        }

        return (x, y);
    }
}
