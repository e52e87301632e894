namespace Perceptron.Tabular;

/// <summary>One trial of a <see cref="HyperparameterSearch"/>: the settings tried and how they scored.</summary>
/// <param name="Number">The trial's number, 1 … trials, in the order run.</param>
/// <param name="Options">The full settings of the trial (the base options with the tuned settings applied).</param>
/// <param name="Metrics">Every metric, by name: the mean over the folds (or the validation rows' value).</param>
/// <param name="Score">The deciding metric's value.</param>
/// <param name="ScoreDeviation">Its standard deviation over the folds (0 with a validation split).</param>
/// <param name="Seconds">Time the trial took.</param>
public sealed record TuningTrial(int Number, TabularOptions Options, IReadOnlyDictionary<string, double> Metrics, double Score, double ScoreDeviation, double Seconds);
