namespace Perceptron.Layers;

/// <summary>One parameter tensor of a layer: its name in model files and its shape.</summary>
/// <param name="Name">The tensor's name, e.g. "kernel" or "bias".</param>
/// <param name="Dimensions">The shape, e.g. [inputs, units] for a dense kernel (row-major).</param>
public sealed record ParameterShape(string Name, IReadOnlyList<int> Dimensions)
{
    /// <summary>Number of values: the product of the dimensions.</summary>
    public long Count => Dimensions.Aggregate(1L, (product, dimension) => product * dimension);
}
