namespace Perceptron.Data;

/// <summary>A dataset split into training and test parts, with the row indices used.</summary>
/// <param name="Train">The training rows.</param>
/// <param name="Test">The held-out rows.</param>
/// <param name="Indices">Which rows of the original went where.</param>
public sealed record DatasetSplit(TabularDataset Train, TabularDataset Test, SplitIndices Indices);
