using System.Numerics;
using Perceptron.Layers;
using Perceptron.Training;

namespace Perceptron.Diagnostics;

/// <summary>One named parameter tensor of a model: where it sits in the model's parameter buffer and its shape.</summary>
/// <param name="LayerIndex">The layer's position in the model.</param>
/// <param name="Layer">The layer's name.</param>
/// <param name="Name">The tensor's name within the layer, as in model files: "kernel", "bias", "gamma", ….</param>
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

    /// <summary>Lists a built model's parameter tensors in buffer order, as each layer describes them (<see cref="Layer{T}.ParameterShapes"/>: a Dense layer's kernel [inputs × units], then its bias [units]).</summary>
    /// <param name="model">A built model.</param>
    /// <returns>Every tensor; layers without parameters contribute none. A vector is one row.</returns>
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
            int start = offset;
            foreach (ParameterShape shape in layer.ParameterShapes)
            {
                var (rows, columns) = shape.Dimensions.Count == 2 ? (shape.Dimensions[0], shape.Dimensions[1]) : (1, (int)shape.Count);
                tensors.Add(new ParameterTensor(i, name, shape.Name, offset, rows, columns));
                offset += rows * columns;
            }

            if (offset != start + layer.ParameterCount)
            {
                throw new InvalidOperationException($"Layer '{name}' describes {offset - start} parameters but holds {layer.ParameterCount}.");
            }
        }

        return tensors;
    }
}
