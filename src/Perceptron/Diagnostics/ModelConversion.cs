using Perceptron.Layers;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Diagnostics;

/// <summary>Float64 copies of float32 models and data, for checks that need double precision.</summary>
internal static class ModelConversion
{
    /// <summary>A built, compiled float64 model with the same layers, parameters, loss and seed (and a fresh SGD optimizer, never stepped).</summary>
    public static Sequential<double> ToDouble(Sequential<float> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.IsBuilt || model.Loss is null)
        {
            throw new ArgumentException("The model must be built and compiled before it can be checked.", nameof(model));
        }

        var copy = new Sequential<double> { Seed = model.Seed };
        foreach (Layer<float> layer in model.Layers)
        {
            Layer<double> twin = layer switch
            {
                Dense<float> d => new Dense<double>(d.Units, d.Activation, d.KernelInitializer, d.UseBias, d.L2, l1: d.L1),
                Dropout<float> d => new Dropout<double>(d.Rate),
                LayerNormalization<float> n => new LayerNormalization<double>(n.Epsilon),
                _ => throw new ArgumentException(
                    $"Layer '{layer.Name}' is a {layer.Kind} layer, which has no float64 copy; build the model as Sequential<double> to check it."),
            };
            twin.Name = layer.Name;
            copy.Add(twin);
        }

        copy.Compile(new Sgd(0.01), model.Loss);
        copy.Build(model.Inputs);
        ReadOnlySpan<float> source = model.Parameters;
        Span<double> target = copy.Parameters;
        for (int i = 0; i < source.Length; i++)
        {
            target[i] = source[i];
        }

        return copy;
    }

    /// <summary>The same values in double precision.</summary>
    public static Matrix<double> ToDouble(Matrix<float> matrix)
    {
        var copy = new Matrix<double>(matrix.Rows, matrix.Columns);
        for (int i = 0; i < matrix.Data.Length; i++)
        {
            copy.Data[i] = matrix.Data[i];
        }

        return copy;
    }
}
