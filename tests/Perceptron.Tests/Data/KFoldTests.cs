using Perceptron.Data;

namespace Perceptron.Tests.Data;

public class KFoldTests
{
    [Theory]
    [InlineData(10, 3)]
    [InlineData(150, 5)]
    [InlineData(7, 7)]
    public void Split_TestsEveryRowOnce_InFoldsWithinOneRowOfEachOther(int rows, int folds)
    {
        var splits = KFold.Split(rows, folds, seed: 3);

        Assert.Equal(folds, splits.Count);
        Assert.Equal(Enumerable.Range(0, rows), splits.SelectMany(s => s.Test).Order());
        Assert.True(splits.Max(s => s.Test.Length) - splits.Min(s => s.Test.Length) <= 1);
        Assert.All(splits, s => Assert.Equal(Enumerable.Range(0, rows), s.Train.Concat(s.Test).Order()));
    }

    [Fact]
    public void Stratified_KeepsEveryClassWithinOneRowPerFold()
    {
        // 50 / 30 / 7 rows of three classes, interleaved.
        int[] labels = [.. Enumerable.Range(0, 87).Select(i => i < 50 ? 0 : i < 80 ? 1 : 2).OrderBy(i => (i * 37) % 11)];
        var splits = KFold.Stratified(labels, folds: 4, seed: 1);

        Assert.Equal(Enumerable.Range(0, labels.Length), splits.SelectMany(s => s.Test).Order());
        Assert.True(splits.Max(s => s.Test.Length) - splits.Min(s => s.Test.Length) <= 1);
        foreach (int c in new[] { 0, 1, 2 })
        {
            int[] perFold = [.. splits.Select(s => s.Test.Count(row => labels[row] == c))];
            Assert.True(perFold.Max() - perFold.Min() <= 1, $"class {c}: {string.Join(", ", perFold)} rows per fold");
        }
    }

    [Fact]
    public void SameSeed_SameFolds_OtherSeed_OtherFolds()
    {
        int[] labels = [.. Enumerable.Range(0, 40).Select(i => i % 2)];
        Assert.Equal(KFold.Stratified(labels, 4, 9).Select(s => s.Test), KFold.Stratified(labels, 4, 9).Select(s => s.Test));
        Assert.NotEqual(KFold.Stratified(labels, 4, 9).Select(s => s.Test), KFold.Stratified(labels, 4, 10).Select(s => s.Test));
        Assert.NotEqual(KFold.Split(40, 4, 9).Select(s => s.Test), KFold.Split(40, 4, 10).Select(s => s.Test));
    }

    [Fact]
    public void Misuse_IsRejectedWithTheReason()
    {
        Assert.Contains("at least 2 folds", Assert.Throws<ArgumentException>(() => KFold.Split(10, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("at least 5 rows", Assert.Throws<ArgumentException>(() => KFold.Split(4, 5)).Message, StringComparison.Ordinal);
        Assert.Contains("must be ≥ 0", Assert.Throws<ArgumentException>(() => KFold.Stratified([0, -1, 1], 2)).Message, StringComparison.Ordinal);
    }
}
