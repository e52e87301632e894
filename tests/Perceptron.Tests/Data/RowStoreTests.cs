using Perceptron.Data;

namespace Perceptron.Tests.Data;

public class RowStoreTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 300_000)]      // more than one chunk of one-value rows
    [InlineData(51, 10_000)]      // rows do not divide a chunk evenly
    [InlineData(7, 1)]
    public void AppendThenRead_KeepsEveryRowInOrder(int width, int rows)
    {
        var store = new RowStore(width);
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = store.Append();
            for (int j = 0; j < width; j++)
            {
                row[j] = (r * width) + j;
            }
        }

        float[] all = store.ToArray();

        Assert.Equal(rows, store.Rows);
        Assert.Equal(rows * width, all.Length);
        for (int i = 0; i < all.Length; i++)
        {
            Assert.True(all[i] == i, $"value {i} is {all[i]}");
        }

        if (rows > 0)
        {
            Assert.Equal((rows - 1) * width, store.Row(rows - 1)[0]);
        }
    }
}
