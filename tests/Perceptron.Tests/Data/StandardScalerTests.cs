using Perceptron.Data;
using Perceptron.Tensors;

namespace Perceptron.Tests.Data;

public class StandardScalerTests
{
    // Column 0: 1, 2, 3, 6 → mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5. Column 1 is constant.
    private static Matrix<float> Train() => new(new float[,] { { 1, 5 }, { 2, 5 }, { 3, 5 }, { 6, 5 } });

    [Fact]
    public void Fit_HandComputedMeansAndDeviations()
    {
        var scaler = new StandardScaler();

        scaler.Fit(Train());

        Assert.Equal([3f, 5f], scaler.Means);
        Assert.Equal([MathF.Sqrt(3.5f), 1f], scaler.StandardDeviations);
    }

    [Fact]
    public void FitTransform_GivesZeroMeanUnitVariance_AndLeavesInputAlone()
    {
        Matrix<float> train = Train();

        Matrix<float> scaled = new StandardScaler().FitTransform(train);

        float s = MathF.Sqrt(3.5f);
        Assert.Equal([-2 / s, 0, -1 / s, 0, 0, 0, 3 / s, 0], scaled.Data);
        Assert.Equal(Train().Data, train.Data);
    }

    [Fact]
    public void TransformInPlace_MatchesTransform()
    {
        var scaler = new StandardScaler();
        scaler.Fit(Train());
        var test = new Matrix<float>(new float[,] { { 10, 4 } });

        Matrix<float> copy = scaler.Transform(test);
        scaler.TransformInPlace(test);

        Assert.Equal(copy.Data, test.Data);
        Assert.Equal([7 / MathF.Sqrt(3.5f), -1f], test.Data);
    }

    [Fact]
    public void SavedParameters_ReproduceTheFittedScaler()
    {
        var fitted = new StandardScaler();
        fitted.Fit(Train());

        var restored = new StandardScaler(fitted.Means, fitted.StandardDeviations);

        Assert.Equal(fitted.Transform(Train()).Data, restored.Transform(Train()).Data);
        Assert.Equal(Train().Data, restored.InverseTransform(restored.Transform(Train())).Data);
    }

    [Fact]
    public void Fit_NaN_IsRejectedWithItsPosition()
    {
        var data = new Matrix<float>(new float[,] { { 1, 2 }, { 3, float.NaN } });

        var e = Assert.Throws<ArgumentException>(() => new StandardScaler().Fit(data));

        Assert.StartsWith("StandardScaler.Fit found NaN at row 1, column 1;", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Misuse_IsRejected()
    {
        var scaler = new StandardScaler();

        Assert.Throws<ArgumentException>(() => scaler.Fit(new Matrix<float>(0, 2)));
        Assert.Throws<InvalidOperationException>(() => scaler.Transform(Train()));
        Assert.Throws<InvalidOperationException>(() => scaler.Means);
        scaler.Fit(Train());
        Assert.Throws<ArgumentException>(() => scaler.Transform(new Matrix<float>(1, 3)));
        Assert.Throws<ArgumentException>(() => new StandardScaler([0f], [0f]));
        Assert.Throws<ArgumentException>(() => new StandardScaler([0f, 1f], [1f]));
        Assert.Throws<ArgumentException>(() => new StandardScaler([float.NaN], [1f]));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void TransformRow_EqualsTheScalarFormula(int width)
    {
        var random = new Random(width);
        float[] means = [.. Enumerable.Range(0, width).Select(_ => (float)(random.NextDouble() * 10 - 5))];
        float[] deviations = [.. Enumerable.Range(0, width).Select(_ => (float)(random.NextDouble() * 3 + 1e-3))];
        float[] row = [.. Enumerable.Range(0, width).Select(_ => (float)(random.NextDouble() * 300 - 150))];
        float[] expected = [.. row.Select((v, c) => (v - means[c]) / deviations[c])];

        new StandardScaler(means, deviations).TransformRow(row);

        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), row.Select(BitConverter.SingleToInt32Bits));
    }

    public static TheoryData<int> Widths() => [.. Enumerable.Range(1, 40), 784];
}
