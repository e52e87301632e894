namespace Perceptron.Data;

/// <summary>One feature column of a table: its name, its kind and, for a categorical column, the categories its cells index.</summary>
/// <remarks>
/// In a <see cref="TabularDataset"/>, a categorical column's cells hold the index of their category in
/// <see cref="Categories"/> (the file's own categories, in order of first appearance) and NaN when missing. In a model's
/// schema (<see cref="OneHotEncoder"/>), <see cref="Categories"/> are the categories the model knows.
/// </remarks>
/// <param name="Name">The column's header name (x0, x1, … for a file without a header).</param>
/// <param name="Kind">Numeric or categorical.</param>
/// <param name="Categories">For a categorical column, the category of each index; empty for a numeric column.</param>
public sealed record FeatureColumn(string Name, ColumnKind Kind, IReadOnlyList<string> Categories)
{
    /// <summary>A numeric column.</summary>
    /// <param name="name">The column's name.</param>
    /// <returns>The column.</returns>
    public static FeatureColumn Numeric(string name) => new(name, ColumnKind.Numeric, []);

    /// <summary>A categorical column.</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="categories">The category of each index.</param>
    /// <returns>The column.</returns>
    public static FeatureColumn Categorical(string name, IReadOnlyList<string> categories) => new(name, ColumnKind.Categorical, categories);

    /// <summary>Describes the column, e.g. "city (categorical, 12 categories)" or "age (numeric)".</summary>
    /// <returns>The name and kind.</returns>
    public override string ToString() => Kind == ColumnKind.Numeric ? $"{Name} (numeric)" : $"{Name} (categorical, {Categories.Count} categories)";
}
