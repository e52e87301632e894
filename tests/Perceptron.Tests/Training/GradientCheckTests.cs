using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Tests.Support;
using Perceptron.Training;

namespace Perceptron.Tests.Training;

/// <summary>Float64 finite-difference checks of every activation × loss pairing that makes sense, with and without L2, at several depths.</summary>
public class GradientCheckTests
{
    private static readonly (string Output, string Loss)[] Heads =
    [
        ("linear", "mse"), ("sigmoid", "mse"), ("tanh", "mse"), ("softmax", "mse"), ("linear", "mae"), ("linear", "huber"),
        ("softmax", "categorical_crossentropy"), ("linear", "categorical_crossentropy"),
        ("softmax", "sparse_categorical_crossentropy"), ("sigmoid", "binary_crossentropy"), ("linear", "binary_crossentropy"),
    ];

    public static TheoryData<string, string, string, double, int> Cases()
    {
        var data = new TheoryData<string, string, string, double, int>();
        int index = 0;
        foreach (var hidden in new[] { "linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu" })
        {
            foreach (var (output, loss) in Heads)
            {
                foreach (double l2 in new[] { 0.0, 0.01 })
                {
                    data.Add(hidden, output, loss, l2, 1 + index++ % 3);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_MatchesFiniteDifferences(string hidden, string output, string loss, double l2, int hiddenLayers)
    {
        var random = new Random(42);
        int inputs = 4, outputs = 3, rows = 5;
        var model = new Sequential<double> { Seed = 7 };
        for (int i = 0; i < hiddenLayers; i++)
        {
            model.Add(new Dense<double>(4 + i, Activation.FromName(hidden), l2: l2));
        }

        model.Add(new Dense<double>(outputs, Activation.FromName(output), l2: l2));
        model.Compile(new Sgd(0.1), Loss.FromName(loss));

        var x = new Matrix<double>(rows, inputs);
        foreach (ref double value in x.AsSpan())
        {
            value = random.NextDouble() * 2 - 1;
        }

        var y = Targets(loss, rows, outputs, random);
        model.Build(inputs);
        // Biases start at zero; give them values so their gradients are exercised away from the origin.
        foreach (var dense in model.Layers.OfType<Dense<double>>())
        {
            foreach (ref double b in dense.Bias)
            {
                b = random.NextDouble() * 0.2 - 0.1;
            }
        }

        GradientCheck.AssertGradientsMatch(model, x, y);
    }

    [Fact]
    public void Backward_WithDropout_MatchesFiniteDifferences()
    {
        var random = new Random(3);
        var model = new Sequential<double>(new Dense<double>(6, Activation.Tanh), new Dropout<double>(0.3), new Dense<double>(2)) { Seed = 11 };
        model.Compile(new Sgd(0.1), new MeanSquaredError());
        var x = new Matrix<double>(4, 3);
        foreach (ref double value in x.AsSpan())
        {
            value = random.NextDouble();
        }

        GradientCheck.AssertGradientsMatch(model, x, Targets("mse", 4, 2, random));
    }

    [Fact]
    public void Backward_ClassWeightedCrossEntropy_MatchesFiniteDifferences()
    {
        var random = new Random(5);
        var model = new Sequential<double>(new Dense<double>(5, Activation.Tanh, l2: 0.01), new Dense<double>(3, Activation.Softmax)) { Seed = 13 };
        model.Compile(new Sgd(0.1), new SparseCategoricalCrossEntropy([0.25, 4, 1.5]));
        var x = new Matrix<double>(6, 4);
        foreach (ref double value in x.AsSpan())
        {
            value = random.NextDouble() * 2 - 1;
        }

        var y = new Matrix<double>(6, 1, [0, 1, 2, 1, 0, 2]);
        GradientCheck.AssertGradientsMatch(model, x, y);
    }

    private static Matrix<double> Targets(string loss, int rows, int outputs, Random random)
    {
        switch (loss)
        {
            case "sparse_categorical_crossentropy":
                var labels = new Matrix<double>(rows, 1);
                for (int r = 0; r < rows; r++)
                {
                    labels[r, 0] = random.Next(outputs);
                }

                return labels;
            case "categorical_crossentropy":
                var oneHot = new Matrix<double>(rows, outputs);
                for (int r = 0; r < rows; r++)
                {
                    oneHot[r, random.Next(outputs)] = 1;
                }

                return oneHot;
            default:
                var values = new Matrix<double>(rows, outputs);
                foreach (ref double value in values.AsSpan())
                {
                    value = loss == "binary_crossentropy" ? random.Next(2) : random.NextDouble();
                }

                return values;
        }
    }
}
