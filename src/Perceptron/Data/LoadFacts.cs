namespace Perceptron.Data;

/// <summary>What a loader found besides the data: notes, rows left out or dropped and why, columns set aside.</summary>
internal sealed record LoadFacts(IReadOnlyList<string> Notes, int RowsWithoutTarget, IReadOnlyDictionary<string, int> DroppedRowsByColumn, IReadOnlyList<string> DroppedColumns)
{
    public static LoadFacts None { get; } = new([], 0, new Dictionary<string, int>(), []);
}
