namespace Perceptron.Explain;

/// <summary>Collects the values of a step in order, copying each one (the engine reuses its buffers).</summary>
internal sealed class ExplanationBuilder
{
    private readonly List<ExplainedValue> _values = [];

    public IReadOnlyList<ExplainedValue> Values => _values;

    /// <summary>Adds a value; <paramref name="shape"/> empty for a scalar, [n] for a vector, [rows, columns] for a matrix.</summary>
    public void Add(string id, string phase, int? layer, string symbol, string label, string formula, int[] shape, ReadOnlySpan<double> values, SourceLine[] sources, string? note = null)
    {
        int expected = shape.Aggregate(1, (product, dimension) => product * dimension);
        if (values.Length != expected)
        {
            throw new InvalidOperationException($"Value '{id}' has {values.Length} numbers for shape [{string.Join(", ", shape)}].");
        }

        _values.Add(new ExplainedValue(id, phase, layer, symbol, label, formula, shape, values.ToArray(), sources, note));
    }

    public void Scalar(string id, string phase, int? layer, string symbol, string label, string formula, double value, SourceLine[] sources, string? note = null) =>
        Add(id, phase, layer, symbol, label, formula, [], [value], sources, note);
}
