namespace Perceptron.Data;

/// <summary>How a feature column is read and encoded.</summary>
public enum ColumnKind
{
    /// <summary>Numbers; a missing cell is NaN until imputed.</summary>
    Numeric,

    /// <summary>Categories (text, or numbers declared categorical): each cell holds a category's index, one-hot encoded before the network.</summary>
    Categorical,
}
