namespace Perceptron.Tabular;

/// <summary>How <see cref="HyperparameterSearch"/> picks the settings to try.</summary>
public enum SearchStrategy
{
    /// <summary>A seeded random sample of distinct combinations from the <see cref="SearchSpace"/>, up to the trial budget
    /// (scikit-learn's <c>RandomizedSearchCV</c> over lists).</summary>
    Random,

    /// <summary>Every combination, in order; the space must not have more combinations than the trial budget.</summary>
    Grid,
}
