using System.Diagnostics;
using Perceptron.Activations;
using Perceptron.Data;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Metrics;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Tests.Training;

/// <summary>The engine's acceptance recipe: MNIST-10k, 784-256-128-10 ReLU, softmax + cross-entropy, Adam 1e-3, batch 64, 10 epochs.</summary>
public class MnistTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Fit_Mnist10k_Adam_Reaches95PercentIn10Epochs()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "Data", "Mnist10k");
        Matrix<float> images = IdxReader.ReadImages(Path.Combine(folder, "images-idx3-ubyte.gz"), new IdxReadOptions { ScaleToUnitRange = true });
        int[] labels = IdxReader.ReadLabels(Path.Combine(folder, "labels-idx1-ubyte.gz"));
        int[] train = [.. Enumerable.Range(0, 8000)], test = [.. Enumerable.Range(8000, 2000)];
        var y = new Matrix<float>(labels.Length, 1, [.. labels.Select(label => (float)label)]);

        var model = new Sequential(
            new Dense(256, Activation.Relu, inputs: 784),
            new Dense(128, Activation.Relu),
            new Dense(10, Activation.Softmax))
        { Seed = 42 };
        model.Compile(new Adam(1e-3), new SparseCategoricalCrossEntropy(), new Accuracy());

        var clock = Stopwatch.StartNew();
        History history = model.Fit(images.SelectRows(train), y.SelectRows(train), epochs: 10, batchSize: 64);
        clock.Stop();
        double accuracy = model.Evaluate(images.SelectRows(test), y.SelectRows(test))["accuracy"];

        TestContext.Current.TestOutputHelper?.WriteLine($"test accuracy {accuracy:P2}, {clock.Elapsed.TotalSeconds / 10:0.000} s per epoch (first epoch included)");
        Assert.True(accuracy >= 0.95, $"test accuracy {accuracy:P2} after 10 epochs (training loss {history["loss"][^1]:0.0000})");
        Assert.True(history["accuracy"][^1] > history["accuracy"][0]);
    }
}
