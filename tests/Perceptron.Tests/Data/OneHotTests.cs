using Perceptron.Data;

namespace Perceptron.Tests.Data;

public class OneHotTests
{
    [Fact]
    public void Encode_PutsOneInTheLabelsColumn()
    {
        var encoded = OneHot.Encode([2, 0, 1], 3);

        Assert.Equal((3, 3), (encoded.Rows, encoded.Columns));
        Assert.Equal([0f, 0f, 1f, 1f, 0f, 0f, 0f, 1f, 0f], encoded.Data);
    }

    [Fact]
    public void Encode_LabelOutOfRange_NamesTheIndex()
    {
        var e = Assert.Throws<ArgumentException>(() => OneHot.Encode([0, 3], 3));

        Assert.StartsWith("labels[1] is 3 but there are 3 classes;", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => OneHot.Encode([0], 0));
    }
}
