using System.Collections.Concurrent;
using Perceptron.Layers;
using Perceptron.Training;

namespace Perceptron.Playground.Engine;

/// <summary>
/// Finds the engine's lines that compute each quantity, in the library sources embedded at build time. Lines are
/// found by a fragment of their code, so they stay right when the files change; a test checks every fragment is found.
/// </summary>
internal static class SourceLinks
{
    private const string Prefix = "Perceptron.Playground.source.";
    private static readonly ConcurrentDictionary<string, string[]?> Files = new();

    /// <summary>The fragments looked for, by file: every one must be found (the test reads this list).</summary>
    public static IEnumerable<(string File, string Fragment)> Fragments =>
    [
        ("Dense.cs", Forward), ("Dense.cs", BiasActivation), ("Dense.cs", Derivative), ("Dense.cs", WeightGradient),
        ("Dense.cs", BiasGradient), ("Dense.cs", InputGradient), ("Sequential.Fit.cs", Step),
    ];

    private const string Forward = "Gemm.Multiply<T>(x, _weights.Span, z,";
    private const string BiasActivation = "_activationForward(zRow,";
    private const string Derivative = "_activationBackward(z, y, dZ, dZ,";
    private const string WeightGradient = "Gemm.Multiply<T>(x, dZ, dW,";
    private const string BiasGradient = "// dB = column sums of dZ.";
    private const string InputGradient = "Gemm.Multiply<T>(dZ, _weights.Span, dX,";
    private const string Step = "_parameterPasses.Step(Optimizer!);";

    /// <summary>The names of the embedded files, for the source viewer.</summary>
    public static IEnumerable<string> FileNames =>
        typeof(SourceLinks).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..]);

    /// <summary>An embedded file's lines, or null when there is no such file.</summary>
    public static string[]? Lines(string file) => Files.GetOrAdd(file, name =>
    {
        using Stream? stream = typeof(SourceLinks).Assembly.GetManifestResourceStream(Prefix + name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    });

    /// <summary>The 1-based line holding <paramref name="fragment"/>, or 0.</summary>
    public static int Find(string file, string fragment)
    {
        string[]? lines = Lines(file);
        return lines is null ? 0 : Array.FindIndex(lines, line => line.Contains(fragment, StringComparison.Ordinal)) + 1;
    }

    /// <summary>The lines behind a unit's numbers: forward, activation, loss, backward, gradients, step.</summary>
    public static IReadOnlyList<SourceLink> ForUnit(Sequential<float> model, Dense<float> layer, bool isOutput)
    {
        string activationFile = layer.Activation.GetType().Name + ".cs";
        string lossFile = model.Loss!.GetType().Name + ".cs";
        string optimizerFile = model.Optimizer!.GetType().Name + ".cs";
        var links = new List<SourceLink>
        {
            Link("h = a·W (GEMM)", "Dense.cs", Forward),
            Link("h += b, a = f(h)", "Dense.cs", BiasActivation),
            Link($"f = {layer.Activation.Name}", activationFile, "public override void Forward<T>"),
        };
        if (isOutput)
        {
            links.Add(Link($"loss {model.Loss.Name} and ∂L/∂output", lossFile, "public override double Compute<T>"));
        }
        else
        {
            links.Add(Link("∂L/∂a from the next layer (δ·Wᵀ)", "Dense.cs", InputGradient));
        }

        links.Add(Link("δ = ∂L/∂a ⊙ f′(h)", "Dense.cs", Derivative));
        links.Add(Link($"f′ of {layer.Activation.Name}", activationFile, "public override void Backward<T>"));
        links.Add(Link("∂L/∂W = aᵀ·δ", "Dense.cs", WeightGradient));
        links.Add(Link("∂L/∂b = Σ δ", "Dense.cs", BiasGradient));
        links.Add(Link("optimizer step", "Sequential.Fit.cs", Step));
        links.Add(Link($"{model.Optimizer.Name} update rule", optimizerFile, "private protected override void Update<T>"));
        return [.. links.Where(link => link.Line > 0)];
    }

    private static SourceLink Link(string label, string file, string fragment) => new(label, file, Find(file, fragment));
}
