namespace Perceptron.Data;

/// <summary>Row indices of a train/test split; each ascending, together a partition of 0..rows−1.</summary>
/// <param name="Train">Rows for training.</param>
/// <param name="Test">Rows held out for testing.</param>
public sealed record SplitIndices(int[] Train, int[] Test);
