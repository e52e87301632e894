using Perceptron.Classic;
using Perceptron.Tests.Support;

namespace Perceptron.Tests.Classic;

public class MultilayerPerceptronTests
{
    public static TheoryData<int, int[], int, bool> Shapes => new()
    {
        { 2, [5], 1, false },
        { 2, [5], 1, true },
        { 2, [], 1, true },
        { 3, [4, 3], 2, false },
        { 3, [4, 3], 2, true },
        { 4, [3, 5, 2], 3, true },
        { 2, [3, 3, 3, 3], 2, false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BackPropagate_MatchesFiniteDifferences(int inputs, int[] hidden, int outputs, bool useBiases)
    {
        var random = new Random(7);
        var mlp = new MultilayerPerceptron(inputs, hidden, outputs, useBiases, seed: 3);
        for (int i = 0; i < mlp.Weights.Length; i++)
        {
            // Centre the weights so the sigmoids are not saturated and every gradient is sizeable.
            for (int k = 0; k < mlp.Weights[i].GetLength(0); k++)
            {
                for (int j = 0; j < mlp.Weights[i].GetLength(1); j++)
                {
                    mlp.Weights[i][k, j] = random.NextDouble() * 2 - 1;
                }
            }

            for (int j = 0; j < mlp.Biases[i].Length; j++)
            {
                mlp.Biases[i][j] = useBiases ? random.NextDouble() - 0.5 : 0;
            }
        }

        double[] x = Enumerable.Range(0, inputs).Select(_ => random.NextDouble()).ToArray();
        double[] target = Enumerable.Range(0, outputs).Select(_ => random.NextDouble()).ToArray();

        // Half the squared error: the original's "derivatives" are exactly its negative gradient.
        double HalfSquaredError()
        {
            double[] output = mlp.ForwardPropagate(x);
            return 0.5 * output.Zip(target, (o, t) => (t - o) * (t - o)).Sum();
        }

        double[] y = mlp.ForwardPropagate(x);
        mlp.BackPropagate(target.Zip(y, (t, o) => t - o).ToArray());
        var analyticWeights = mlp.Derivatives.Select(d => (double[,])d.Clone()).ToArray();
        var analyticBiases = mlp.BiasDerivatives.Select(d => (double[])d.Clone()).ToArray();

        const double Step = 1e-6;
        for (int i = 0; i < mlp.Weights.Length; i++)
        {
            var numeric = new double[mlp.Weights[i].GetLength(0), mlp.Weights[i].GetLength(1)];
            for (int k = 0; k < numeric.GetLength(0); k++)
            {
                for (int j = 0; j < numeric.GetLength(1); j++)
                {
                    double saved = mlp.Weights[i][k, j];
                    mlp.Weights[i][k, j] = saved + Step;
                    double plus = HalfSquaredError();
                    mlp.Weights[i][k, j] = saved - Step;
                    double minus = HalfSquaredError();
                    mlp.Weights[i][k, j] = saved;
                    numeric[k, j] = -(plus - minus) / (2 * Step);
                }
            }

            AssertClose.Matrix(numeric, analyticWeights[i], 1e-10, Tolerances.FiniteDifferenceFloat64, $"Derivatives[{i}]");

            if (useBiases)
            {
                var numericBias = new double[mlp.Biases[i].Length];
                for (int j = 0; j < numericBias.Length; j++)
                {
                    double saved = mlp.Biases[i][j];
                    mlp.Biases[i][j] = saved + Step;
                    double plus = HalfSquaredError();
                    mlp.Biases[i][j] = saved - Step;
                    double minus = HalfSquaredError();
                    mlp.Biases[i][j] = saved;
                    numericBias[j] = -(plus - minus) / (2 * Step);
                }

                AssertClose.Values(numericBias, analyticBiases[i], 1e-10, Tolerances.FiniteDifferenceFloat64, $"BiasDerivatives[{i}]");
            }
        }
    }

    [Fact]
    public void BackPropagate_ReturnsErrorAtInputLayer_ThatMatchesFiniteDifferences()
    {
        var mlp = new MultilayerPerceptron(3, [4], 2, useBiases: true, seed: 11);
        double[] x = [0.2, -0.4, 0.7];
        double[] target = [0.3, 0.9];
        double[] output = mlp.ForwardPropagate(x);
        double[] inputError = mlp.BackPropagate([target[0] - output[0], target[1] - output[1]]);

        const double Step = 1e-6;
        for (int k = 0; k < x.Length; k++)
        {
            double Loss(double xk)
            {
                double[] shifted = (double[])x.Clone();
                shifted[k] = xk;
                double[] o = mlp.ForwardPropagate(shifted);
                return 0.5 * ((target[0] - o[0]) * (target[0] - o[0]) + (target[1] - o[1]) * (target[1] - o[1]));
            }

            double numeric = -(Loss(x[k] + Step) - Loss(x[k] - Step)) / (2 * Step);
            Assert.Equal(numeric, inputError[k], 1e-9);
        }
    }

    [Fact]
    public void WorkedExample_FromDocsClassic_MatchesHandComputedNumbers()
    {
        // docs/classic.md, "A worked example": a 2-2-1 network, one sample, one step with η = 0.5.
        var mlp = new MultilayerPerceptron(2, [2], 1, useBiases: true, seed: 0);
        mlp.Weights[0][0, 0] = 0.1; mlp.Weights[0][0, 1] = 0.2;
        mlp.Weights[0][1, 0] = 0.3; mlp.Weights[0][1, 1] = 0.4;
        mlp.Biases[0][0] = 0.1; mlp.Biases[0][1] = -0.1;
        mlp.Weights[1][0, 0] = 0.5; mlp.Weights[1][1, 0] = 0.6;
        mlp.Biases[1][0] = 0.2;

        double[] output = mlp.ForwardPropagate([1.0, 0.5]);
        AssertClose.Values([0.5866175789173301, 0.574442516811659], mlp.Activations[1], 1e-15, what: "a[1]");
        Assert.Equal(0.6980384086298548, output[0], 1e-15);

        double error = 0.9 - output[0];
        Assert.Equal(0.04078848438876152, MultilayerPerceptron.Mse([0.9], output), 1e-15);
        double[] inputError = mlp.BackPropagate([error]);
        Assert.Equal(0.042569623517591686, mlp.BiasDerivatives[1][0], 1e-15);
        AssertClose.Values([0.024972089483311873, 0.02445380167317016], AssertClose.Flatten(mlp.Derivatives[1]), 1e-15, what: "Derivatives[1]");
        AssertClose.Values([0.00516151140505227, 0.006243898976652679], mlp.BiasDerivatives[0], 1e-15, what: "δ[0]");
        AssertClose.Values(
            [0.00516151140505227, 0.006243898976652679, 0.002580755702526135, 0.0031219494883263396],
            AssertClose.Flatten(mlp.Derivatives[0]), 1e-15, what: "Derivatives[0]");
        AssertClose.Values([0.001764930935835763, 0.004046013012176753], inputError, 1e-15, what: "input error");

        mlp.GradientDescent(0.5);
        AssertClose.Values([0.5124860447416559, 0.612226900836585], AssertClose.Flatten(mlp.Weights[1]), 1e-15, what: "W[1]");
        Assert.Equal(0.22128481175879586, mlp.Biases[1][0], 1e-15);
        AssertClose.Values(
            [0.10258075570252614, 0.20312194948832635, 0.30129037785126306, 0.4015609747441632],
            AssertClose.Flatten(mlp.Weights[0]), 1e-15, what: "W[0]");
        AssertClose.Values([0.10258075570252614, -0.09687805051167367], mlp.Biases[0], 1e-15, what: "b[0]");
    }

    [Fact]
    public void Train_AtDemoSettings_LearnsTheSum()
    {
        var random = new Random(42);
        var inputs = new double[5000][];
        var targets = new double[5000][];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = [random.NextDouble() / 2, random.NextDouble() / 2];
            targets[i] = [inputs[i][0] + inputs[i][1]];
        }

        var mlp = new MultilayerPerceptron(2, [5], 1, seed: 42);
        double[] errors = mlp.Train(inputs, targets, epochs: 100, learningRate: 0.1);

        Assert.Equal(100, errors.Length);
        Assert.True(errors[^1] < 1e-3, $"final error {errors[^1]}");
        Assert.True(errors[^1] < errors[0], "the error should fall");
        Assert.Equal(0.4, mlp.ForwardPropagate([0.1, 0.3])[0], 0.03);
    }

    [Fact]
    public void Train_WithBiases_LearnsXor()
    {
        double[][] inputs = [[0, 0], [0, 1], [1, 0], [1, 1]];
        double[][] targets = [[0], [1], [1], [0]];
        var mlp = new MultilayerPerceptron(2, [4], 1, useBiases: true, seed: 1);
        // Weights in [0, 1) all start on the same side; centring them lets the hidden units split the plane.
        var random = new Random(1);
        foreach (var w in mlp.Weights)
        {
            for (int k = 0; k < w.GetLength(0); k++)
            {
                for (int j = 0; j < w.GetLength(1); j++)
                {
                    w[k, j] = random.NextDouble() * 2 - 1;
                }
            }
        }

        double[] errors = mlp.Train(inputs, targets, epochs: 5000, learningRate: 1.0);

        Assert.True(errors[^1] < 0.01, $"final error {errors[^1]}");
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(targets[i][0], Math.Round(mlp.ForwardPropagate(inputs[i])[0]));
        }
    }

    [Fact]
    public void Constructor_SameSeed_GivesIdenticalWeightsAndTraining()
    {
        double[][] inputs = [[0.1, 0.2], [0.3, 0.1], [0.4, 0.4]];
        double[][] targets = [[0.3], [0.4], [0.8]];
        var first = new MultilayerPerceptron(2, [5], 1, seed: 123);
        var second = new MultilayerPerceptron(2, [5], 1, seed: 123);
        var other = new MultilayerPerceptron(2, [5], 1, seed: 124);

        Assert.Equal(AssertClose.Flatten(first.Weights[0]), AssertClose.Flatten(second.Weights[0]));
        Assert.NotEqual(AssertClose.Flatten(first.Weights[0]), AssertClose.Flatten(other.Weights[0]));

        first.Train(inputs, targets, 10, 0.5);
        second.Train(inputs, targets, 10, 0.5);
        for (int i = 0; i < first.Weights.Length; i++)
        {
            Assert.Equal(AssertClose.Flatten(first.Weights[i]), AssertClose.Flatten(second.Weights[i]));
            Assert.Equal(first.Biases[i], second.Biases[i]);
        }
    }

    [Fact]
    public void Constructor_Defaults_MatchTheOriginal()
    {
        var mlp = new MultilayerPerceptron(seed: 5);

        Assert.Equal([3, 3, 3, 2], mlp.Layers);
        Assert.True(mlp.UseBiases);
        Assert.Equal(3, mlp.Weights.Length);
        Assert.Equal(3, mlp.Weights[2].GetLength(0));
        Assert.Equal(2, mlp.Weights[2].GetLength(1));
        Assert.All(mlp.Weights.SelectMany(AssertClose.Flatten), w => Assert.InRange(w, 0.0, 1.0 - double.Epsilon));
        Assert.All(mlp.Biases.SelectMany(b => b), b => Assert.Equal(0.0, b));
        Assert.Equal([3, 3, 3, 2], mlp.Activations.Select(a => a.Length));
        Assert.Equal("MultilayerPerceptron(3-3-3-2, sigmoid, biases)", mlp.ToString());
    }

    [Fact]
    public void Train_WithoutBiases_LeavesBiasesAtZero()
    {
        var mlp = new MultilayerPerceptron(2, [3], 1, useBiases: false, seed: 2);
        mlp.Train([[0.1, 0.2], [0.3, 0.3]], [[0.3], [0.6]], 5, 0.5);

        Assert.All(mlp.Biases.SelectMany(b => b), b => Assert.Equal(0.0, b));
    }

    [Fact]
    public void Train_ReportsEveryEpoch_WithTheReturnedErrors()
    {
        var mlp = new MultilayerPerceptron(2, [3], 1, seed: 2);
        var reports = new List<ClassicEpoch>();
        double[] errors = mlp.Train([[0.1, 0.2], [0.3, 0.3]], [[0.3], [0.6]], 4, 0.5, new ListProgress(reports));

        Assert.Equal([1, 2, 3, 4], reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.Equal(4, r.Epochs));
        Assert.Equal(errors, reports.Select(r => r.MeanError));
    }

    [Fact]
    public void Train_EpochError_IsMeanOfPerSampleMseBeforeEachUpdate()
    {
        double[][] inputs = [[0.1, 0.2], [0.3, 0.3], [0.2, 0.0]];
        double[][] targets = [[0.3], [0.6], [0.2]];
        var trained = new MultilayerPerceptron(2, [3], 1, seed: 9);
        var manual = new MultilayerPerceptron(2, [3], 1, seed: 9);

        double[] errors = trained.Train(inputs, targets, 1, 0.5);

        double sum = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            double[] output = manual.ForwardPropagate(inputs[i]);
            manual.BackPropagate([targets[i][0] - output[0]]);
            manual.GradientDescent(0.5);
            sum += MultilayerPerceptron.Mse(targets[i], output);
        }

        Assert.Equal(sum / inputs.Length, errors[0], 1e-15);
    }

    [Fact]
    public void BackPropagate_Verbose_ReportsEachLayerLastFirst()
    {
        var mlp = new MultilayerPerceptron(2, [3, 2], 1, seed: 4);
        var layers = new List<int>();
        mlp.DerivativesComputed += (_, e) =>
        {
            layers.Add(e.Layer);
            Assert.Same(mlp.Derivatives[e.Layer], e.Derivatives);
        };
        double[] output = mlp.ForwardPropagate([0.2, 0.4]);

        mlp.BackPropagate([0.5 - output[0]]);
        Assert.Empty(layers);
        mlp.BackPropagate([0.5 - output[0]], verbose: true);
        Assert.Equal([2, 1, 0], layers);
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(2.0, 0.8807970779778823)]
    [InlineData(-2.0, 0.11920292202211755)]
    public void Sigmoid_MatchesHandValues(double x, double expected)
    {
        Assert.Equal(expected, MultilayerPerceptron.Sigmoid(x), 1e-15);
        Assert.Equal(expected * (1 - expected), MultilayerPerceptron.SigmoidDerivative(expected), 1e-15);
    }

    [Fact]
    public void Mse_IsMeanOfSquares() =>
        Assert.Equal((0.25 + 1.0 + 0.0) / 3, MultilayerPerceptron.Mse([1.0, 2.0, 3.0], [0.5, 1.0, 3.0]), 1e-15);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 0)]
    [InlineData(-1, 1)]
    public void Constructor_ThrowsOnNonPositiveLayerSize(int inputs, int outputs) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultilayerPerceptron(inputs, [3], outputs));

    [Fact]
    public void Constructor_ThrowsOnNonPositiveHiddenSize()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new MultilayerPerceptron(2, [3, 0], 1));
        Assert.Contains("Hidden layer 1 has 0 units", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForwardPropagate_ThrowsOnWrongInputLength()
    {
        var exception = Assert.Throws<ArgumentException>(() => new MultilayerPerceptron(2, [3], 1).ForwardPropagate([1, 2, 3]));
        Assert.Contains("has 3 values but the network expects 2", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void ForwardPropagate_ThrowsOnNonFiniteInput(double bad)
    {
        var exception = Assert.Throws<ArgumentException>(() => new MultilayerPerceptron(2, [3], 1).ForwardPropagate([0.1, bad]));
        Assert.Contains("inputs[1]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForwardPropagate_ThrowsOnNull() =>
        Assert.Throws<ArgumentNullException>(() => new MultilayerPerceptron(2, [3], 1).ForwardPropagate(null!));

    [Fact]
    public void BackPropagate_ThrowsOnWrongErrorLength() =>
        Assert.Throws<ArgumentException>(() => new MultilayerPerceptron(2, [3], 1).BackPropagate([0.1, 0.2]));

    [Fact]
    public void Train_ThrowsOnRaggedInputs_BeforeChangingAnyWeight()
    {
        var mlp = new MultilayerPerceptron(2, [3], 1, seed: 1);
        double[] before = AssertClose.Flatten(mlp.Weights[0]);

        var exception = Assert.Throws<ArgumentException>(() => mlp.Train([[0.1, 0.2], [0.3]], [[0.3], [0.3]], 1, 0.1));

        Assert.Contains("inputs[1] has 1 values", exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, AssertClose.Flatten(mlp.Weights[0]));
    }

    [Fact]
    public void Train_ThrowsOnRaggedTargets()
    {
        var exception = Assert.Throws<ArgumentException>(() => new MultilayerPerceptron(2, [3], 1).Train([[0.1, 0.2]], [[0.3, 0.1]], 1, 0.1));
        Assert.Contains("targets[0] has 2 values", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ThrowsOnNaNTarget() =>
        Assert.Throws<ArgumentException>(() => new MultilayerPerceptron(2, [3], 1).Train([[0.1, 0.2]], [[double.NaN]], 1, 0.1));

    [Fact]
    public void Train_ThrowsOnCountMismatch()
    {
        var exception = Assert.Throws<ArgumentException>(() => new MultilayerPerceptron(2, [3], 1).Train([[0.1, 0.2], [0.1, 0.1]], [[0.3]], 1, 0.1));
        Assert.Contains("2 input samples but 1 targets", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ThrowsOnEmptyData() =>
        Assert.Throws<ArgumentException>(() => new MultilayerPerceptron(2, [3], 1).Train([], [], 1, 0.1));

    [Fact]
    public void Train_ThrowsOnNegativeEpochs() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultilayerPerceptron(2, [3], 1).Train([[0.1, 0.2]], [[0.3]], -1, 0.1));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Train_ThrowsOnNonFiniteLearningRate(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultilayerPerceptron(2, [3], 1).Train([[0.1, 0.2]], [[0.3]], 1, rate));

    [Fact]
    public void Train_ZeroEpochs_ChangesNothing()
    {
        var mlp = new MultilayerPerceptron(2, [3], 1, seed: 1);
        double[] before = AssertClose.Flatten(mlp.Weights[0]);

        Assert.Empty(mlp.Train([[0.1, 0.2]], [[0.3]], 0, 0.1));
        Assert.Equal(before, AssertClose.Flatten(mlp.Weights[0]));
    }

    [Fact]
    public void Train_StopsWhenCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            new MultilayerPerceptron(2, [3], 1).Train([[0.1, 0.2]], [[0.3]], 10, 0.1, cancellationToken: cancellation.Token));
    }

    private sealed class ListProgress(List<ClassicEpoch> reports) : IProgress<ClassicEpoch>
    {
        public void Report(ClassicEpoch value) => reports.Add(value);
    }
}
