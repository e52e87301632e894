namespace Perceptron.Tabular;

/// <summary>How <see cref="HyperparameterSearch.Run"/> searches and scores: strategy, trial budget, how each trial is
/// measured, and the metric that decides.</summary>
public sealed record TuningOptions
{
    /// <summary>Random (the default) or grid search.</summary>
    public SearchStrategy Strategy { get; init; } = SearchStrategy.Random;

    /// <summary>The most trials to run, ≥ 1. Random search runs this many distinct combinations (all of them when the space
    /// has fewer); grid search runs every combination and fails if there are more than this.</summary>
    public int Trials { get; init; } = 20;

    /// <summary>Score each trial by k-fold cross-validation with this many folds (≥ 2), unless <see cref="ValidationSplit"/> is set.</summary>
    public int Folds { get; init; } = 3;

    /// <summary>When in (0, 1): score each trial on this fraction of the tuning rows held out once (faster than
    /// cross-validation, noisier); 0 (the default) uses <see cref="Folds"/>.</summary>
    public double ValidationSplit { get; init; }

    /// <summary>The metric that picks the best trial, a name from <see cref="TabularEvaluation.ToDictionary"/>; null takes
    /// accuracy for classification and r2 for regression. Losses and errors are minimised, scores maximised.</summary>
    public string? Metric { get; init; }
}
