namespace Perceptron.Cli.Pictures;

/// <summary>A value in a <see cref="ComputationGraph"/>: what it is, its value for the sample and ∂L/∂value, and where it is drawn.</summary>
/// <param name="Id">A stable key: "x1", "W1[2,3]" (layer 1, from input 2 to unit 3), "b1[3]", "z1[3]", "a1[3]", "y", "L".</param>
/// <param name="Label">What the box shows as the value's name.</param>
/// <param name="Value">Its value for the sample.</param>
/// <param name="Gradient">∂L/∂value, or null where the loss does not depend on it (the target, or outputs the loss skips).</param>
/// <param name="X">Column, in graph units.</param>
/// <param name="Y">Row, in graph units (up is positive).</param>
internal sealed record GraphNode(string Id, string Label, double Value, double? Gradient, double X, double Y);
