namespace Perceptron.Explain;

/// <summary>One value of a training step, with what it is, how it is computed and where.</summary>
/// <param name="Id">A stable key, e.g. "forward.0.h" (phase, layer, name; see docs/explain.md).</param>
/// <param name="Phase">"input", "forward", "loss", "backward" or "update".</param>
/// <param name="Layer">The layer index, or null for values of the whole network (input, loss, step count).</param>
/// <param name="Symbol">The symbol used in the docs, e.g. "h[0]" or "δ[1]".</param>
/// <param name="Label">What the value is, in words.</param>
/// <param name="Formula">How it is computed from earlier values, e.g. "h[0] = a[0]·W[0] + b[0]".</param>
/// <param name="Shape">Empty for a scalar, [n] for a vector, [rows, columns] for a matrix.</param>
/// <param name="Values">The numbers, row-major.</param>
/// <param name="Sources">The source lines that compute it (empty for a value the explainer derives for display, such as Adam's m̂).</param>
/// <param name="Note">A remark on conventions (signs, fused forms), or null.</param>
public sealed record ExplainedValue(
    string Id, string Phase, int? Layer, string Symbol, string Label, string Formula,
    IReadOnlyList<int> Shape, IReadOnlyList<double> Values, IReadOnlyList<SourceLine> Sources, string? Note = null)
{
    /// <summary>Rows when shown as a matrix: 1 for scalars and vectors.</summary>
    public int Rows => Shape.Count == 2 ? Shape[0] : 1;

    /// <summary>Columns when shown as a matrix: 1 for scalars, n for vectors.</summary>
    public int Columns => Shape.Count switch { 0 => 1, 1 => Shape[0], _ => Shape[1] };

    /// <summary>The element at (row, column) of the matrix view.</summary>
    /// <param name="row">0 ≤ row &lt; <see cref="Rows"/>.</param>
    /// <param name="column">0 ≤ column &lt; <see cref="Columns"/>.</param>
    public double this[int row, int column] => Values[row * Columns + column];
}
