using Perceptron.Tensors;

namespace Perceptron.Tests.Tensors;

public class MatrixTests
{
    [Fact]
    public void FromRows_ConvertsJaggedDoubles()
    {
        var matrix = Matrix<float>.FromRows(new double[][] { [0.5, 1], [2, -3] });

        Assert.Equal((2, 2), (matrix.Rows, matrix.Columns));
        Assert.Equal([0.5f, 1f, 2f, -3f], matrix.Data);
    }

    [Fact]
    public void FromRows_RaggedRows_NameTheRow()
    {
        var error = Assert.Throws<ArgumentException>(() => Matrix<float>.FromRows(new double[][] { [1, 2], [3] }));
        Assert.StartsWith("Row 1 has 1 values but row 0 has 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSpan_CopiesRowMajor_AndChecksTheLength()
    {
        float[] values = [1, 2, 3, 4, 5, 6];
        var matrix = Matrix<float>.FromSpan(values, 2, 3);
        values[0] = 9;

        Assert.Equal(4f, matrix[1, 0]);
        Assert.Equal(1f, matrix[0, 0]);
        Assert.Throws<ArgumentException>(() => Matrix<float>.FromSpan(values, 4, 2));
    }
}
