namespace Perceptron.Playground.Engine;

/// <summary>Every number of one unit for one sample, as the inspector panel shows them.</summary>
/// <param name="Layer">Dense layer, from 1 (the last is the output).</param>
/// <param name="Unit">Unit within the layer, from 0.</param>
/// <param name="IsOutput">Whether the unit is an output.</param>
/// <param name="Activation">The layer's activation name.</param>
/// <param name="H">Pre-activation h = Σ a_prev·w + b.</param>
/// <param name="A">Output a = f(h).</param>
/// <param name="Delta">δ = ∂L/∂h for this sample.</param>
/// <param name="Loss">The sample's loss.</param>
/// <param name="Bias">The bias's value, gradient and last update.</param>
/// <param name="Weights">Every incoming weight's source, input value, value, gradient and last update.</param>
/// <param name="Formulas">The formulas, by quantity (h, a, delta, gradient, update).</param>
/// <param name="Sources">Where the engine computes each step: label, file, line.</param>
internal sealed record UnitNumbers(
    int Layer, int Unit, bool IsOutput, string Activation, double H, double A, double Delta, double Loss,
    ParameterNumbers Bias, IReadOnlyList<ParameterNumbers> Weights, IReadOnlyDictionary<string, string> Formulas,
    IReadOnlyList<SourceLink> Sources);

/// <summary>One parameter's numbers.</summary>
/// <param name="From">Where the weight comes from ("x1", "layer 1 unit 2", units counted from 1), or "bias".</param>
/// <param name="Input">The incoming value a_prev (1 for the bias).</param>
/// <param name="Value">The parameter now.</param>
/// <param name="Gradient">∂L/∂parameter for this sample (L1 and L2 terms included).</param>
/// <param name="LastUpdate">How much the last optimizer step changed it (0 before the first step).</param>
internal sealed record ParameterNumbers(string From, double Input, double Value, double Gradient, double LastUpdate);

/// <summary>A line of the engine's source.</summary>
/// <param name="Label">What it computes.</param>
/// <param name="File">File name.</param>
/// <param name="Line">1-based line.</param>
internal sealed record SourceLink(string Label, string File, int Line);
