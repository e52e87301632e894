using Perceptron.Data;

namespace Perceptron.Tests.Data;

/// <summary>The vectorised fill against the per-cell rule, at widths crossing every vector remainder.</summary>
public class MissingValueImputerTests
{
    [Theory]
    [MemberData(nameof(Widths))]
    public void TransformRow_FillsExactlyTheNaNCells_AndAppendsIndicators(int width)
    {
        var random = new Random(width);
        float[] fill = [.. Enumerable.Range(0, width).Select(c => (float)c + 0.5f)];
        float[] row = [.. Enumerable.Range(0, width).Select(_ => random.NextDouble() < 0.3 ? float.NaN : random.NextDouble() < 0.2 ? -0f : (float)random.NextDouble())];
        int[] indicators = [.. Enumerable.Range(0, width).Where(c => c % 3 == 0)];
        float[] expected = [.. row.Select((v, c) => float.IsNaN(v) ? fill[c] : v), .. indicators.Select(c => float.IsNaN(row[c]) ? 1f : 0f)];
        float[] output = new float[width + indicators.Length];

        new MissingValueImputer(fill, ImputeStrategy.Median, indicators).TransformRow(row, output);

        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), output.Select(BitConverter.SingleToInt32Bits));
    }

    public static TheoryData<int> Widths() => [.. Enumerable.Range(1, 40), 784];
}
