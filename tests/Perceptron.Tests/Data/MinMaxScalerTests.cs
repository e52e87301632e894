using Perceptron.Data;
using Perceptron.Tensors;

namespace Perceptron.Tests.Data;

public class MinMaxScalerTests
{
    private static Matrix<float> Train() => new(new float[,] { { -1, 5 }, { 3, 5 }, { 1, 5 } });

    [Fact]
    public void FitTransform_MapsEachColumnToZeroOne_ConstantColumnToZero()
    {
        var scaler = new MinMaxScaler();

        Matrix<float> scaled = scaler.FitTransform(Train());

        Assert.Equal([-1f, 5f], scaler.Minimums);
        Assert.Equal([3f, 5f], scaler.Maximums);
        Assert.Equal([0f, 0f, 1f, 0f, 0.5f, 0f], scaled.Data);
    }

    [Fact]
    public void Transform_OutsideTheFittedRange_IsNotClipped()
    {
        var scaler = new MinMaxScaler();
        scaler.Fit(Train());
        var test = new Matrix<float>(new float[,] { { 7, 6 } });

        scaler.TransformInPlace(test);

        Assert.Equal([2f, 1f], test.Data);
    }

    [Fact]
    public void Transform_ExtremeFloats_DoNotOverflow()
    {
        var data = new Matrix<float>(new float[,] { { -3e38f }, { 3e38f } });

        Assert.Equal([0f, 1f], new MinMaxScaler().FitTransform(data).Data);
    }

    [Fact]
    public void SavedParameters_ReproduceTheFittedScaler()
    {
        var fitted = new MinMaxScaler();
        fitted.Fit(Train());

        var restored = new MinMaxScaler(fitted.Minimums, fitted.Maximums);

        Assert.Equal(fitted.Transform(Train()).Data, restored.Transform(Train()).Data);
        Assert.Equal("MinMaxScaler(2 columns)", restored.ToString());
    }

    [Fact]
    public void Misuse_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new MinMaxScaler().Fit(new Matrix<float>(new float[,] { { float.PositiveInfinity } })));
        Assert.Throws<InvalidOperationException>(() => new MinMaxScaler().TransformInPlace(Train()));
        Assert.Throws<ArgumentException>(() => new MinMaxScaler([2f], [1f]));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void TransformRow_EqualsTheScalarFormulaInDouble(int width)
    {
        var random = new Random(width);
        float[] minimums = [.. Enumerable.Range(0, width).Select(c => c % 7 == 3 ? -3f : (float)(random.NextDouble() * 10 - 5))];
        float[] maximums = [.. minimums.Select((min, c) => c % 7 == 3 ? min : c % 7 == 5 ? float.MaxValue : min + (float)(random.NextDouble() * 100))];
        minimums = [.. minimums.Select((min, c) => c % 7 == 5 ? float.MinValue : min)];
        float[] row = [.. Enumerable.Range(0, width).Select(_ => (float)(random.NextDouble() * 300 - 150))];
        float[] expected = [.. row.Select((v, c) => (float)((v - (double)minimums[c]) / ((double)maximums[c] - minimums[c] is var range && range != 0 ? range : 1)))];

        new MinMaxScaler(minimums, maximums).TransformRow(row);

        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), row.Select(BitConverter.SingleToInt32Bits));
    }

    public static TheoryData<int> Widths() => [.. Enumerable.Range(1, 40), 784];
}
