using Perceptron.Data;

namespace Perceptron.Tabular;

/// <summary>How well a model does on a labelled data set, in the data's own units.</summary>
/// <remarks>
/// Classification reports <see cref="Accuracy"/>, <see cref="Loss"/> (mean cross-entropy) and a confusion matrix;
/// regression reports <see cref="R2"/>, <see cref="Mae"/> and <see cref="Mse"/> in the target's units, and
/// <see cref="Loss"/>, the training objective (MSE of the standardised target).
/// </remarks>
public sealed record TabularEvaluation
{
    /// <summary>Classification or regression.</summary>
    public required TaskKind Task { get; init; }

    /// <summary>Rows evaluated.</summary>
    public required int Rows { get; init; }

    /// <summary>The model's loss on these rows.</summary>
    public required double Loss { get; init; }

    /// <summary>Fraction classified correctly (classification).</summary>
    public double? Accuracy { get; init; }

    /// <summary>Counts by [true class, predicted class] (classification).</summary>
    public int[,]? ConfusionMatrix { get; init; }

    /// <summary>Coefficient of determination (regression).</summary>
    public double? R2 { get; init; }

    /// <summary>Mean absolute error in target units (regression).</summary>
    public double? Mae { get; init; }

    /// <summary>Mean squared error in target units (regression).</summary>
    public double? Mse { get; init; }

    /// <summary>The metrics by their stable names: accuracy and loss, or r2, mae, mse and loss.</summary>
    /// <returns>Name → value.</returns>
    public IReadOnlyDictionary<string, double> ToDictionary() => Task == TaskKind.Classification
        ? new Dictionary<string, double> { ["accuracy"] = Accuracy ?? double.NaN, ["loss"] = Loss }
        : new Dictionary<string, double> { ["r2"] = R2 ?? double.NaN, ["mae"] = Mae ?? double.NaN, ["mse"] = Mse ?? double.NaN, ["loss"] = Loss };
}
