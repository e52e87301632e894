using Perceptron.Layers;

namespace Perceptron.Cli.Pictures;

/// <summary>
/// What one Dense layer did over a set of rows: how its activations a spread (and how many sit where the activation is
/// flat, so no gradient passes), and how large the gradients δ = ∂loss/∂z reaching its units are.
/// </summary>
internal sealed record LayerStatistics
{
    /// <summary>Bins of a sigmoid's or tanh's activation histogram: 1/100 of the range, so the first and last bins are the saturated ones.</summary>
    public const int BoundedBins = 100;

    /// <summary>Bins of any other histogram.</summary>
    public const int Bins = 40;

    /// <summary>The layer's activation's name.</summary>
    public required string Activation { get; init; }

    /// <summary>The layer's units.</summary>
    public required int Units { get; init; }

    /// <summary>The rows.</summary>
    public required int Rows { get; init; }

    /// <summary>Row × unit values: every histogram below accounts for this many.</summary>
    public int Values => Rows * Units;

    /// <summary>The activations (a ReLU's exact zeros apart, in <see cref="ZeroActivations"/>).</summary>
    public required Histogram Activations { get; init; }

    /// <summary>A ReLU's activations that are exactly 0 (its slope there is 0); 0 for other activations.</summary>
    public required int ZeroActivations { get; init; }

    /// <summary>Where the activation is flat, in words ("a < 0.01 or a > 0.99"), or null when it has no flat part worth counting.</summary>
    public required string? FlatRule { get; init; }

    /// <summary>Row × unit values in the flat part.</summary>
    public required int Flat { get; init; }

    /// <summary>Units in the flat part on every row: saturated sigmoids, dead ReLUs.</summary>
    public required int FlatOnEveryRow { get; init; }

    /// <summary>log₁₀ |δ| of each row's own δ = ∂loss/∂z that is not exactly 0.</summary>
    public required Histogram LogDeltas { get; init; }

    /// <summary>Row × unit gradients exactly 0.</summary>
    public required int ZeroDeltas { get; init; }

    /// <summary>The root mean square of the rows' own δ.</summary>
    public required double DeltaRms { get; init; }

    /// <summary>The root mean square of ∂L/∂W over the rows as one batch.</summary>
    public required double WeightGradientRms { get; init; }

    /// <summary>The statistics of one layer of a pass.</summary>
    /// <param name="dense">The layer.</param>
    /// <param name="pass">Its values.</param>
    /// <param name="rows">The pass's rows.</param>
    /// <param name="activationRange">The activation histogram's range (ignored for sigmoid and tanh, whose range is fixed).</param>
    /// <param name="logRange">The log₁₀ |δ| histogram's range.</param>
    public static LayerStatistics Of(Dense<float> dense, LayerPass pass, int rows, (double Min, double Max) activationRange, (double Min, double Max) logRange)
    {
        string activation = dense.Activation.Name;
        int units = dense.Units;
        Func<double, bool>? flat = activation switch
        {
            "sigmoid" => a => a < 0.01 || a > 0.99,
            "tanh" => a => Math.Abs(a) > 0.98,
            "relu" => a => a == 0,
            _ => null,
        };
        string? rule = activation switch
        {
            "sigmoid" => "a < 0.01 or > 0.99",
            "tanh" => "|a| > 0.98",
            "relu" => "a = 0",
            _ => null,
        };
        var (min, max, bins) = activation switch
        {
            "sigmoid" => (0.0, 1.0, BoundedBins),
            "tanh" => (-1.0, 1.0, BoundedBins),
            _ => (activationRange.Min, activationRange.Max, Bins),
        };
        bool zerosApart = activation == "relu";
        int flatCount = 0, zeros = 0, flatUnits = 0;
        for (int unit = 0; unit < units; unit++)
        {
            bool always = rows > 0;
            for (int row = 0; row < rows; row++)
            {
                double a = pass.Activations[(row * units) + unit];
                bool isFlat = flat?.Invoke(a) == true;
                flatCount += isFlat ? 1 : 0;
                always &= isFlat;
                zeros += zerosApart && a == 0 ? 1 : 0;
            }

            flatUnits += flat is not null && always ? 1 : 0;
        }

        // The pass's δ is of the batch's mean loss; times the rows it is each row's own ∂loss/∂z.
        double[] own = [.. pass.Deltas.Select(delta => delta * rows)];
        return new LayerStatistics
        {
            Activation = activation,
            Units = units,
            Rows = rows,
            Activations = Histogram.Of(pass.Activations.Where(a => !(zerosApart && a == 0)), min, max, bins),
            ZeroActivations = zeros,
            FlatRule = rule,
            Flat = flatCount,
            FlatOnEveryRow = flatUnits,
            LogDeltas = Histogram.Of(own.Where(delta => delta != 0).Select(delta => Math.Log10(Math.Abs(delta))), logRange.Min, logRange.Max, Bins),
            ZeroDeltas = own.Count(delta => delta == 0),
            DeltaRms = RootMeanSquare(own),
            WeightGradientRms = RootMeanSquare(pass.WeightGradients),
        };
    }

    private static double RootMeanSquare(IReadOnlyCollection<double> values) => values.Count == 0 ? 0 : Math.Sqrt(values.Sum(v => v * v) / values.Count);
}
