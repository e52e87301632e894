using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tabular;
using Perceptron.Tensors;
using Perceptron.Tests.Support;
using Perceptron.Training;

namespace Perceptron.Tests.Layers;

/// <summary>Dense's weight penalties: L1 (λ₁·Σ|w|) beside L2, checked by finite differences, by hand and through a model file.</summary>
public sealed class DensePenaltyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("perceptron-dense-penalty-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(0.05, 0.0)]
    [InlineData(0.02, 0.01)]
    public void Backward_WithL1_MatchesFiniteDifferences(double l1, double l2)
    {
        var random = new Random(3);
        var model = new Sequential<double>(
            new Dense<double>(5, Activation.Tanh, inputs: 4, l2: l2, l1: l1),
            new Dense<double>(3, Activation.Softmax, l1: l1))
        { Seed = 9 };
        model.Compile(new Sgd(0.1), new SparseCategoricalCrossEntropy());
        var x = new Matrix<double>(6, 4, [.. Enumerable.Range(0, 24).Select(_ => random.NextDouble() * 2 - 1)]);
        var y = new Matrix<double>(6, 1, [0, 1, 2, 1, 0, 2]);

        GradientCheck.AssertGradientsMatch(model, x, y);
    }

    [Fact]
    public void Penalty_IsL1TimesTheSumOfAbsoluteWeights_PlusL2TimesTheSumOfSquares()
    {
        var layer = new Dense<double>(2, inputs: 2, l2: 0.5, l1: 0.25);
        var model = new Sequential<double>(layer);
        model.Compile(new Sgd(0.1), new MeanSquaredError());
        model.Build(2);
        layer.SetWeights(new double[,] { { 1, -2 }, { 0, 3 } });

        // By hand: 0.25·(1 + 2 + 0 + 3) + 0.5·(1 + 4 + 0 + 9) = 1.5 + 7 = 8.5.
        Assert.Equal(8.5, layer.Penalty(), 12);
    }

    [Fact]
    public void SgdStep_OnAZeroLossBatch_MovesEachWeightByRateTimesL1TowardZero_AndLeavesZeroWeightsAtZero()
    {
        var layer = new Dense<double>(2, inputs: 2, useBias: false, l1: 0.5);
        var model = new Sequential<double>(layer);
        model.Compile(new Sgd(0.1), new MeanSquaredError());
        model.Build(2);
        layer.SetWeights(new double[,] { { 1, -2 }, { 0, 3 } });

        // x = 0 makes the data gradient zero: only the penalty's λ₁·sign(w) moves the weights, by 0.1·0.5 = 0.05.
        model.Fit(new Matrix<double>(1, 2), new Matrix<double>(1, 2), new TrainingOptions { Epochs = 1, BatchSize = 1 });

        Assert.Equal(new double[,] { { 0.95, -1.95 }, { 0, 2.95 } }, layer.GetWeights());
    }

    [Fact]
    public void SaveLoad_KeepsL1_AndAFileWithoutL1_HasNoL1Field()
    {
        var x = new Matrix<float>(8, 2, [.. Enumerable.Range(0, 16).Select(i => i / 16f)]);
        var y = new Matrix<float>(8, 1, [.. Enumerable.Range(0, 8).Select(i => i / 8f)]);
        string withL1 = Path.Combine(_folder, "l1.json"), without = Path.Combine(_folder, "plain.json");

        var network = new Sequential(new Dense(4, Activation.Relu, inputs: 2, l1: 0.003), new Dense(1)) { Seed = 1 };
        network.Compile(new Adam(0.01), new MeanSquaredError());
        network.Fit(x, y, new TrainingOptions { Epochs = 2, BatchSize = 4 });
        new TabularModel(network).Save(withL1);
        var plain = new Sequential(new Dense(4, Activation.Relu, inputs: 2), new Dense(1)) { Seed = 1 };
        plain.Compile(new Adam(0.01), new MeanSquaredError());
        new TabularModel(plain).Save(without);

        var loaded = Assert.IsType<Dense<float>>(TabularModel.Load(withL1).Network.Layers[0]);
        Assert.Equal(0.003, loaded.L1);
        Assert.Equal(0, Assert.IsType<Dense<float>>(TabularModel.Load(without).Network.Layers[0]).L1);
        Assert.DoesNotContain("\"l1\"", File.ReadAllText(without), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_RejectsANegativeOrNonFiniteL1(double l1) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dense(3, l1: l1));
}
