namespace Perceptron.Data;

/// <summary>How <see cref="FeaturePipeline.Fit(TabularDataset, PreprocessingOptions?)"/> prepares raw features for a network.</summary>
public sealed record PreprocessingOptions
{
    /// <summary>The defaults: median imputation, no indicator columns, at most 50 categories per column, standard scaling.</summary>
    public static PreprocessingOptions Default { get; } = new();

    /// <summary>How missing numbers are filled in (<c>--impute</c>); categories take the most frequent.</summary>
    public ImputeStrategy Impute { get; init; } = ImputeStrategy.Median;

    /// <summary>Add a 0/1 column for each feature that had missing cells in the training rows, so the network can tell
    /// an imputed value from a real one (<c>--missing-indicators</c>).</summary>
    public bool MissingIndicators { get; init; }

    /// <summary>Most categories one-hot encoded per column, ≥ 1; rarer ones share an "other" column (<c>--max-categories</c>).</summary>
    public int MaxCategories { get; init; } = 50;

    /// <summary>Scaling of the encoded columns (numbers, one-hot and indicator columns alike) (<c>--scaling</c>).</summary>
    public FeatureScaling Scaling { get; init; } = FeatureScaling.Standard;

    internal void Validate()
    {
        if (MaxCategories < 1)
        {
            throw new ArgumentException($"The most categories per column must be ≥ 1; got {MaxCategories}.");
        }

        if (!Enum.IsDefined(Impute) || !Enum.IsDefined(Scaling))
        {
            throw new ArgumentException($"Unknown imputation {Impute} or scaling {Scaling}.");
        }
    }
}
