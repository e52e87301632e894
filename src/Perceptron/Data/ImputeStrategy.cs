namespace Perceptron.Data;

/// <summary>How a missing number is filled in, from the training rows' values of its column (categories always take the most frequent).</summary>
public enum ImputeStrategy
{
    /// <summary>The median: robust to outliers, scikit-learn's choice for skewed columns.</summary>
    Median,

    /// <summary>The mean.</summary>
    Mean,

    /// <summary>The most frequent value (the smallest among ties).</summary>
    MostFrequent,
}
