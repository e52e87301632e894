namespace Perceptron.Data;

/// <summary>One categorical column of a <see cref="OneHotEncoder"/>: where it is and the categories it knows.</summary>
/// <param name="Index">The column's index among the encoder's input columns.</param>
/// <param name="Categories">The categories that get a column each, in ordinal order; a cell holds the index of its category.</param>
/// <param name="HasOther">Whether one more column catches every other category (rarer ones cut by the cap, and unseen ones);
/// without it an unknown category encodes as all zeros.</param>
public sealed record OneHotColumn(int Index, IReadOnlyList<string> Categories, bool HasOther)
{
    /// <summary>Columns this one becomes: one per category, plus the "other" column.</summary>
    public int Width => Categories.Count + (HasOther ? 1 : 0);
}
