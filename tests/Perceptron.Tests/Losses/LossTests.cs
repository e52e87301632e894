using Perceptron.Losses;

namespace Perceptron.Tests.Losses;

/// <summary>Hand-computed cases on 2×3 inputs for every loss (after Keras's losses_test).</summary>
public class LossTests
{
    private static readonly double[] Predictions = [1, 2, 3, 4, 5, 6];
    private static readonly double[] Targets = [1, 1, 1, 4, 7, 2];

    [Fact]
    public void MeanSquaredError_Typical() =>
        Assert.Equal((0 + 1 + 4 + 0 + 4 + 16) / 6.0, Compute(new MeanSquaredError(), Predictions, Targets, out _), 1e-12);

    [Fact]
    public void MeanSquaredError_Gradient_Is2DifferenceOverCount()
    {
        Compute(new MeanSquaredError(), Predictions, Targets, out double[] gradient);
        Assert.Equal(new[] { 0, 2 / 6.0, 4 / 6.0, 0, -4 / 6.0, 8 / 6.0 }, gradient, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void MeanAbsoluteError_Typical() =>
        Assert.Equal((0 + 1 + 2 + 0 + 2 + 4) / 6.0, Compute(new MeanAbsoluteError(), Predictions, Targets, out _), 1e-12);

    [Fact]
    public void Huber_QuadraticInsideDeltaLinearOutside()
    {
        // d = [0, 1, 2, 0, −2, 4], δ = 1: [0, 0.5, 1.5, 0, 1.5, 3.5]
        Assert.Equal((0 + 0.5 + 1.5 + 0 + 1.5 + 3.5) / 6.0, Compute(new Huber(), Predictions, Targets, out _), 1e-12);
    }

    [Fact]
    public void AllCorrect_GivesZero()
    {
        Assert.Equal(0, Compute(new MeanSquaredError(), Targets, Targets, out _));
        Assert.Equal(0, Compute(new MeanAbsoluteError(), Targets, Targets, out _));
        Assert.Equal(0, Compute(new Huber(), Targets, Targets, out _));
    }

    [Fact]
    public void BinaryCrossEntropy_FromLogits_MatchesDefinition()
    {
        double[] logits = [0.0, 2.0, -3.0], targets = [1, 0, 0];
        double expected = (-Math.Log(0.5) - Math.Log(1 - Sigmoid(2)) - Math.Log(1 - Sigmoid(-3))) / 3;

        Assert.Equal(expected, Compute(new BinaryCrossEntropy(), logits, targets, out double[] gradient, batch: 1, outputs: 3), 1e-12);
        Assert.Equal((Sigmoid(2) - 0) / 3, gradient[1], 1e-12);
    }

    [Fact]
    public void BinaryCrossEntropy_HugeLogits_StayFinite()
    {
        double loss = Compute(new BinaryCrossEntropy(), [1000.0, -1000.0, 1000.0], [1, 0, 0], out double[] gradient, batch: 3, outputs: 1);

        Assert.Equal(1000.0 / 3, loss, 1e-9);
        Assert.All(gradient, g => Assert.True(double.IsFinite(g)));
        Assert.Equal(1.0 / 3, gradient[2], 1e-12);
    }

    [Fact]
    public void CategoricalCrossEntropy_MatchesMinusLogSoftmax()
    {
        double[] logits = [1, 2, 3, 1, 1, 1];
        double[] oneHot = [0, 0, 1, 1, 0, 0];
        double row0 = -Math.Log(Math.Exp(3) / (Math.Exp(1) + Math.Exp(2) + Math.Exp(3)));
        double row1 = -Math.Log(1.0 / 3);

        Assert.Equal((row0 + row1) / 2, Compute(new CategoricalCrossEntropy(), logits, oneHot, out double[] gradient), 1e-12);
        Assert.Equal((1.0 / 3 - 1) / 2, gradient[3], 1e-12);
    }

    [Fact]
    public void SparseCategoricalCrossEntropy_EqualsOneHotVersion()
    {
        double[] logits = [1, 2, 3, -1, 0.5, 4];
        double sparse = Compute(new SparseCategoricalCrossEntropy(), logits, [2, 0], out double[] g1, batch: 2, outputs: 3);
        double dense = Compute(new CategoricalCrossEntropy(), logits, [0, 0, 1, 1, 0, 0], out double[] g2);

        Assert.Equal(dense, sparse, 1e-12);
        Assert.Equal(g2, g1, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void SparseCategoricalCrossEntropy_ClassWeights_ScaleEachRowAndDivideByRows()
    {
        // Rows of classes 2 and 0, weights [3, 1, 0.5]: ℓ = (0.5·ℓ₀ + 3·ℓ₁)/2, each row's gradient scaled by its weight.
        double[] logits = [1, 2, 3, -1, 0.5, 4];
        double plain = Compute(new SparseCategoricalCrossEntropy(), logits, [2, 0], out double[] g, batch: 2, outputs: 3);
        double row0 = Compute(new SparseCategoricalCrossEntropy(), logits[..3], [2], out _, batch: 1, outputs: 3);
        double row1 = Compute(new SparseCategoricalCrossEntropy(), logits[3..], [0], out _, batch: 1, outputs: 3);

        double weighted = Compute(new SparseCategoricalCrossEntropy([3, 1, 0.5]), logits, [2, 0], out double[] gw, batch: 2, outputs: 3);

        Assert.Equal((row0 + row1) / 2, plain, 1e-12);
        Assert.Equal((0.5 * row0 + 3 * row1) / 2, weighted, 1e-12);
        Assert.Equal(g.Take(3).Select(v => 0.5 * v), gw.Take(3), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(g.Skip(3).Select(v => 3 * v), gw.Skip(3), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void SparseCategoricalCrossEntropy_UnitWeights_EqualNoWeights()
    {
        double[] logits = [1, 2, 3, -1, 0.5, 4];
        double plain = Compute(new SparseCategoricalCrossEntropy(), logits, [2, 0], out double[] g, batch: 2, outputs: 3);
        double ones = Compute(new SparseCategoricalCrossEntropy([1, 1, 1]), logits, [2, 0], out double[] g1, batch: 2, outputs: 3);
        Assert.Equal(plain, ones);
        Assert.Equal(g, g1);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void SparseCategoricalCrossEntropy_BadClassWeight_Throws(double weight) =>
        Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossEntropy([1, weight]));

    [Fact]
    public void SparseCategoricalCrossEntropy_WrongNumberOfClassWeights_ThrowsWhenValidating() =>
        Assert.Contains("3 classes", Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossEntropy([1, 2]).ValidateTargets<double>([0, 1], 3)).Message, StringComparison.Ordinal);

    [Fact]
    public void CrossEntropy_ExtremeLogits_DoNotOverflow()
    {
        double loss = Compute(new CategoricalCrossEntropy(), [1e30, 0, -1e30, 0, 0, 1e4], [0, 1, 0, 0, 0, 1], out double[] gradient);
        Assert.Equal(1e30 / 2, loss, 1e18);
        Assert.All(gradient, g => Assert.True(double.IsFinite(g)));

        float lossSingle = (float)new SparseCategoricalCrossEntropy().Compute<float>([88f, 0f, -88f], [0f], new float[3], 1, 3);
        Assert.True(float.IsFinite(lossSingle) && lossSingle < 1e-30);
    }

    [Fact]
    public void SparseCategoricalCrossEntropy_RejectsBadLabels()
    {
        var loss = new SparseCategoricalCrossEntropy();
        Assert.Throws<ArgumentException>(() => loss.ValidateTargets<double>([0, 1.5], 3));
        Assert.Throws<ArgumentException>(() => loss.ValidateTargets<double>([3], 3));
        Assert.Throws<ArgumentException>(() => loss.ValidateTargets<double>([-1], 3));
    }

    [Theory]
    [InlineData("mse", typeof(MeanSquaredError))]
    [InlineData("MAE", typeof(MeanAbsoluteError))]
    [InlineData("huber", typeof(Huber))]
    [InlineData("binary_crossentropy", typeof(BinaryCrossEntropy))]
    [InlineData("categorical_crossentropy", typeof(CategoricalCrossEntropy))]
    [InlineData("sparse_categorical_crossentropy", typeof(SparseCategoricalCrossEntropy))]
    public void FromName_FindsEveryLoss(string name, Type type) => Assert.IsType(type, Loss.FromName(name));

    [Fact]
    public void FromName_UnknownName_ListsTheChoices() =>
        Assert.Contains("expected mse", Assert.Throws<ArgumentException>(() => Loss.FromName("hinge")).Message, StringComparison.Ordinal);

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Compute(Loss loss, double[] predictions, double[] targets, out double[] gradient, int batch = 2, int outputs = 3)
    {
        gradient = new double[predictions.Length];
        return loss.Compute<double>(predictions, targets, gradient, batch, outputs);
    }
}
