using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Onnx.Tests.Support;

/// <summary>Small built networks with seeded random weights and biases, and seeded random inputs.</summary>
internal static class Networks
{
    /// <summary>inputs → 10 (hidden) → outputs (output), weights Glorot-uniform, biases uniform in [−1, 1).</summary>
    public static Sequential<float> Build(Activation hidden, Activation output, int inputs = 6, int outputs = 4, bool useBias = true, int seed = 3)
    {
        var model = new Sequential<float>(new Dense<float>(10, hidden, useBias: useBias, inputs: inputs), new Dense<float>(outputs, output, useBias: useBias)) { Seed = seed };
        model.Build(inputs);
        RandomizeBiases(model, seed);
        return model;
    }

    /// <summary>Gives every Dense layer a non-zero bias, so a dropped bias would show.</summary>
    public static void RandomizeBiases(Sequential<float> model, int seed)
    {
        var random = new Random(seed);
        foreach (var dense in model.Layers.OfType<Dense<float>>())
        {
            foreach (ref float b in dense.Bias)
            {
                b = (float)(random.NextDouble() * 2 - 1);
            }
        }
    }

    /// <summary>Rows of values uniform in [−scale, scale): wide enough to reach every activation's negative and saturated parts.</summary>
    public static Matrix<float> Inputs(int rows, int columns, double scale = 3, int seed = 11)
    {
        var random = new Random(seed);
        var x = new Matrix<float>(rows, columns);
        foreach (ref float value in x.AsSpan())
        {
            value = (float)((random.NextDouble() * 2 - 1) * scale);
        }

        return x;
    }
}
