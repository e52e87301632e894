namespace Perceptron.Tabular;

/// <summary>The outcome of <see cref="HyperparameterSearch.Run"/>.</summary>
/// <param name="Trials">Every trial, in the order run.</param>
/// <param name="Best">The trial with the best <see cref="Metric"/> (the earliest on a tie).</param>
/// <param name="Metric">The deciding metric's name.</param>
/// <param name="HigherIsBetter">Whether the metric was maximised (scores) or minimised (losses, errors).</param>
/// <param name="Combinations">How many combinations the search space holds.</param>
/// <param name="Final">The best settings trained on every tuning row, tested on the rows
/// <see cref="TabularOptions.TestSplit"/> held out before tuning (null when the search was asked not to train it).</param>
public sealed record TuningResult(IReadOnlyList<TuningTrial> Trials, TuningTrial Best, string Metric, bool HigherIsBetter, long Combinations, TabularTrainingResult? Final);
