using System.Numerics;
using Perceptron.Layers;
using Perceptron.Training;

namespace Perceptron.Diagnostics;

/// <summary>One named parameter tensor of a model: where it sits in the model's parameter buffer and its shape.</summary>
/// <param name="LayerIndex">The layer's position in the model.</param>
/// <param name="Layer">The layer's name.</param>
/// <param name="Name">The tensor's name within the layer: "weights", "bias", or "parameters" for a layer kind not described below.</param>
/// <param name="Offset">Index of its first element in <see cref="Sequential{T}.Parameters"/>.</param>
/// <param name="Rows">Rows (row-major storage).</param>
/// <param name="Columns">Columns.</param>
public readonly record struct ParameterTensor(int LayerIndex, string Layer, string Name, int Offset, int Rows, int Columns)
{
    /// <summary>Number of elements.</summary>
    public int Length => Rows * Columns;

    /// <summary>The (row, column) of element <paramref name="index"/> (counted within the tensor).</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Length"/>.</param>
    /// <returns>Its row and column.</returns>
    public (int Row, int Column) Position(int index) => (index / Columns, index % Columns);

    /// <summary>Lists a built model's parameter tensors in buffer order (Dense: weights [inputs × units], then bias [units]).</summary>
    /// <param name="model">A built model.</param>
    /// <returns>Every tensor; layers without parameters contribute none.</returns>
    public static IReadOnlyList<ParameterTensor> Of<T>(Sequential<T> model)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var tensors = new List<ParameterTensor>();
        int offset = 0;
        for (int i = 0; i < model.Layers.Count; i++)
        {
            Layer<T> layer = model.Layers[i];
            string name = layer.Name ?? $"layer {i}";
            if (layer is Dense<T> dense)
            {
                tensors.Add(new ParameterTensor(i, name, "weights", offset, dense.Inputs, dense.Units));
                if (dense.UseBias)
                {
                    tensors.Add(new ParameterTensor(i, name, "bias", offset + dense.Inputs * dense.Units, 1, dense.Units));
                }
            }
            else if (layer.ParameterCount > 0)
            {
                // A layer kind this list does not know yet: its parameters as one flat tensor.
                tensors.Add(new ParameterTensor(i, name, "parameters", offset, 1, layer.ParameterCount));
            }

            offset += layer.ParameterCount;
        }

        return tensors;
    }
}
