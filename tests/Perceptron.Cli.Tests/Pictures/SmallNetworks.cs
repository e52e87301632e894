using Perceptron.Activations;
using Perceptron.Cli.Pictures;
using Perceptron.Data;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tabular;
using Perceptron.Training;

namespace Perceptron.Cli.Tests.Pictures;

/// <summary>
/// Small seeded networks for the picture tests, and an independent double-precision forward pass and loss (from any
/// level onward) for finite differences: it uses only the view's own weights, never the engine's layers or losses.
/// </summary>
internal static class SmallNetworks
{
    /// <summary>A regression network 2-hidden…-1 (MSE), every parameter uniform in ±1.</summary>
    public static NetworkView Regression(Activation hidden, Activation output, int seed, params int[] units) =>
        Make(hidden, output, new MeanSquaredError(), 1, seed, units, TaskKind.Regression, []);

    /// <summary>A classifier 2-hidden…-2 with softmax and sparse cross-entropy, classes "no" and "yes".</summary>
    public static NetworkView Classifier(Activation hidden, int seed, params int[] units) =>
        Make(hidden, Activation.Softmax, new SparseCategoricalCrossEntropy(), 2, seed, units, TaskKind.Classification, ["no", "yes"]);

    private static NetworkView Make(Activation hidden, Activation output, Loss loss, int outputs, int seed, int[] units, TaskKind task, string[] classes)
    {
        var layers = new List<Layer<float>>();
        foreach (int width in units)
        {
            layers.Add(new Dense(width, hidden));
        }

        layers.Add(new Dense(outputs, output));
        var network = new Sequential(layers) { Seed = seed };
        network.Compile(new Sgd(0.1), loss);
        network.Build(2);
        var random = new Random(seed);
        Span<float> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return NetworkView.Of(new TabularModel(network) { Task = task, ClassNames = classes, FeatureNames = ["a", "b"] });
    }

    /// <summary>The loss of one row whose layer <paramref name="layer"/> has pre-activations <paramref name="z"/>.</summary>
    public static double LossFromZ(NetworkView view, int layer, double[] z, double target)
    {
        if (layer == view.Layers.Count - 1)
        {
            return Loss(view, z, target);
        }

        return LossFromA(view, layer, view.Activate(layer, z), target);
    }

    /// <summary>The loss of one row whose layer <paramref name="layer"/> outputs <paramref name="a"/> (layer −1: the scaled input).</summary>
    public static double LossFromA(NetworkView view, int layer, double[] a, double target) => layer == view.Layers.Count - 1
        ? OutputLoss(view, a, target)
        : LossFromZ(view, layer + 1, view.PreActivations(layer + 1, a), target);

    /// <summary>The loss from the output layer's pre-activations.</summary>
    private static double Loss(NetworkView view, double[] z, double target) => OutputLoss(view, view.Activate(view.Layers.Count - 1, z), target);

    /// <summary>The loss of the outputs p: cross-entropy of the target class's probability, or the mean squared error.</summary>
    private static double OutputLoss(NetworkView view, double[] p, double target) => view.IsClassifier
        ? -Math.Log(p[(int)target])
        : p.Sum(value => (value - target) * (value - target)) / p.Length;

    /// <summary>The central difference of <paramref name="loss"/> at <paramref name="values"/>[<paramref name="index"/>].</summary>
    public static double Difference(double[] values, int index, Func<double[], double> loss, double step = 1e-4)
    {
        double[] up = (double[])values.Clone(), down = (double[])values.Clone();
        up[index] += step;
        down[index] -= step;
        return (loss(up) - loss(down)) / (2 * step);
    }

    /// <summary>The central difference of the loss at parameter <paramref name="index"/> (the step as float32 really takes it).</summary>
    public static double ParameterDifference(NetworkView view, int index, Func<double> loss, double step = 1e-3)
    {
        Span<float> parameters = view.Model.Network.Parameters;
        float original = parameters[index];
        parameters[index] = (float)(original + step);
        double up = loss(), upStep = parameters[index] - (double)original;
        parameters[index] = (float)(original - step);
        double down = loss(), downStep = original - (double)parameters[index];
        parameters[index] = original;
        return (up - down) / (upStep + downStep);
    }

    /// <summary>Asserts a gradient agrees with its finite difference to float32's precision.</summary>
    public static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 2e-3 + (1e-2 * Math.Abs(expected)), $"{what}: finite difference {expected}, got {actual}");
}
