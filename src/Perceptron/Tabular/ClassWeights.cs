using System.Globalization;
using Perceptron.Data;

namespace Perceptron.Tabular;

/// <summary>How much each class counts in the training loss, for imbalanced classes: balanced, or explicit weights by class name.</summary>
/// <remarks>
/// Balanced weights are scikit-learn's <c>class_weight="balanced"</c>: w_c = N / (K · n_c) for N training rows, K classes
/// and n_c rows of class c, so every class carries the same total weight and the weights average 1 over the rows.
/// Explicit weights name classes as the data does (e.g. "0" and "1", or "setosa"); a class not named weighs 1.
/// The loss is <see cref="Losses.SparseCategoricalCrossEntropy"/> with these weights.
/// </remarks>
/// <example><code>
/// var options = new TabularOptions { ClassWeights = ClassWeights.Parse("0=1,1=5") };   // or ClassWeights.Balanced
/// </code></example>
public sealed class ClassWeights
{
    private ClassWeights(bool balanced, IReadOnlyDictionary<string, double> byClass) => (IsBalanced, ByClass) = (balanced, byClass);

    /// <summary>Weights inversely proportional to each class's frequency in the training rows.</summary>
    public static ClassWeights Balanced { get; } = new(true, new Dictionary<string, double>());

    /// <summary>Whether the weights are computed from class frequencies.</summary>
    public bool IsBalanced { get; }

    /// <summary>Explicit weights by class name (empty when <see cref="IsBalanced"/>).</summary>
    public IReadOnlyDictionary<string, double> ByClass { get; }

    /// <summary>Explicit weights by class name; unnamed classes weigh 1.</summary>
    /// <param name="weights">Class name → weight, each finite and ≥ 0.</param>
    /// <returns>The weighting.</returns>
    /// <exception cref="ArgumentException">No weights, or a weight that is negative, NaN or ∞.</exception>
    public static ClassWeights Explicit(IReadOnlyDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new ArgumentException("Give at least one class weight, e.g. 0=1,1=5.", nameof(weights));
        }

        foreach (var (name, weight) in weights)
        {
            if (!(double.IsFinite(weight) && weight >= 0))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The weight of class '{name}' is {weight}; class weights must be finite numbers ≥ 0."), nameof(weights));
            }
        }

        return new ClassWeights(false, new Dictionary<string, double>(weights));
    }

    /// <summary>Reads "balanced" or a list of CLASS=WEIGHT pairs such as "0=1,1=5" (the command line's spelling).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The weighting.</returns>
    /// <exception cref="FormatException">The text is neither "balanced" nor CLASS=WEIGHT pairs with numbers ≥ 0.</exception>
    public static ClassWeights Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.Equals(text.Trim(), "balanced", StringComparison.OrdinalIgnoreCase))
        {
            return Balanced;
        }

        var weights = new Dictionary<string, double>();
        foreach (string pair in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int equals = pair.LastIndexOf('=');
            string name = equals > 0 ? pair[..equals].Trim() : "";
            if (name.Length == 0
                || !double.TryParse(pair[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double weight)
                || !double.IsFinite(weight) || weight < 0)
            {
                throw new FormatException($"'{pair}' is not CLASS=WEIGHT with a number ≥ 0; write 'balanced' or pairs such as 0=1,1=5.");
            }

            if (!weights.TryAdd(name, weight))
            {
                throw new FormatException($"Class '{name}' is given a weight twice.");
            }
        }

        return Explicit(weights);
    }

    /// <summary>The weight of each class of <paramref name="train"/>, by class index.</summary>
    /// <param name="train">Classification rows; balanced weights are computed from their class counts.</param>
    /// <returns>One weight per class.</returns>
    /// <exception cref="ArgumentException">The data is not a classification, an explicit weight names a class the data
    /// does not have, or every weight is 0.</exception>
    public double[] Resolve(TabularDataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Task != TaskKind.Classification)
        {
            throw new ArgumentException($"Class weights apply to classification, but {train.Source}'s target '{train.TargetName}' is a regression target.", nameof(train));
        }

        long[] counts = new long[train.ClassCount];
        foreach (int label in train.Labels!)
        {
            counts[label]++;
        }

        return Resolve(train.ClassNames!, counts, train.Source, train.TargetName);
    }

    /// <summary>The weights from class counts alone (a streamed file's first pass), by the rules of <see cref="Resolve(TabularDataset)"/>.</summary>
    internal double[] Resolve(IReadOnlyList<string> classNames, IReadOnlyList<long> counts, string source, string? targetName)
    {
        int classes = classNames.Count;
        long rows = counts.Sum();
        var weights = new double[classes];
        if (IsBalanced)
        {
            // A class absent from these rows contributes no loss; weight 1 keeps the list valid.
            for (int c = 0; c < classes; c++)
            {
                weights[c] = counts[c] == 0 ? 1 : (double)rows / (classes * counts[c]);
            }

            return weights;
        }

        Array.Fill(weights, 1.0);
        foreach (var (name, weight) in ByClass)
        {
            int index = classNames.ToList().IndexOf(name);
            weights[index >= 0 ? index : throw new ArgumentException($"A weight is given for class '{name}', but {source}'s target '{targetName}' has classes {string.Join(", ", classNames)}.", nameof(classNames))] = weight;
        }

        return weights.All(w => w == 0) ? throw new ArgumentException("Every class weight is 0; at least one class must count.", nameof(classNames)) : weights;
    }

    /// <summary>The command line's spelling: "balanced" or "0=1,1=5".</summary>
    /// <returns>The text <see cref="Parse"/> reads back.</returns>
    public override string ToString() => IsBalanced
        ? "balanced"
        : string.Join(',', ByClass.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}={pair.Value}")));
}
