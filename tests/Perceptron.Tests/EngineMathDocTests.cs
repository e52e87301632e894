using System.Globalization;
using Perceptron.Activations;
using Perceptron.Initializers;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Tests.Support;
using Perceptron.Training;

namespace Perceptron.Tests;

/// <summary>
/// Recomputes each worked example of docs/engine-math.md with the library and checks that the page quotes the
/// results (to the 6 significant digits it prints).
/// </summary>
public class EngineMathDocTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot(), "docs", "engine-math.md")).Replace('−', '-');

    [Fact]
    public void DenseLayer_ForwardAndBackward()
    {
        var model = new Sequential<double>(new Dense<double>(2, Activation.Tanh, inputs: 2));
        model.Compile(new Sgd(0.1), new MeanSquaredError());
        var dense = (Dense<double>)model.Layers[0];
        dense.SetWeights(new double[,] { { 0.5, -1 }, { 0.25, 0.5 } });
        double[] b = [0.1, -0.2];
        b.CopyTo(dense.Bias);
        double[] x = [1, 2], a = new double[2], dX = new double[2];
        double[] delta = [0.3, -0.6];   // the incoming gradient; Backward turns it into δ in place
        dense.PrepareTraining(1);
        dense.Forward(x, a, 1, training: true);
        dense.Backward(x, a, delta, dX, 1);

        Quoted($"h = [1·0.5 + 2·0.25 + 0.1, 1·(-1) + 2·0.5 - 0.2] = [{G(1.1)}, {G(-0.2)}]; a = tanh(h) = [{G(a[0])}, {G(a[1])}]");
        Quoted($"f′(h) = 1 - a² = [{G(1 - a[0] * a[0])}, {G(1 - a[1] * a[1])}]; δ = g ⊙ f′ = [{G(delta[0])}, {G(delta[1])}]");
        double[] dW = dense.WeightGradients.ToArray();
        Quoted($"∂L/∂W = xᵀ·δ = [[{G(dW[0])}, {G(dW[1])}], [{G(dW[2])}, {G(dW[3])}]]; ∂L/∂b = δ");
        Assert.Equal(delta, dense.BiasGradients.ToArray());
        Quoted($"= [{G(dX[0])}, {G(dX[1])}]");
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("relu")]
    [InlineData("leaky_relu")]
    [InlineData("elu")]
    [InlineData("gelu")]
    public void Activations_ValuesAndSlopes(string name)
    {
        Activation activation = Activation.FromName(name);
        double[] z = [-1, 0, 2], a = new double[3], slope = new double[3];
        activation.Forward<double>(z, a, 3);
        activation.Backward<double>(z, a, [1.0, 1.0, 1.0], slope, 3);

        Quoted($"| {name} | {string.Join(" | ", a.Concat(slope).Select(G))} |");
    }

    [Fact]
    public void Losses_ValuesAndGradients()
    {
        (double Loss, double[] Gradient) Run(Loss loss, double[] p, double[] y, int outputs)
        {
            var gradient = new double[p.Length];
            return (loss.Compute<double>(p, y, gradient, p.Length / outputs, outputs), gradient);
        }

        var mse = Run(new MeanSquaredError(), [0.5, 2], [1, 1], 2);
        Quoted($"L = (0.25 + 1)/2 = {G(mse.Loss)}; ∂L/∂p = 2·[-0.5, 1]/2 = [{G(mse.Gradient[0])}, {G(mse.Gradient[1])}]");
        var mae = Run(new MeanAbsoluteError(), [0.5, -2, 1], [0, 0, 1], 3);
        Quoted($"L = (0.5 + 2 + 0)/3 = {G(mae.Loss)};");
        Quoted($"∂L/∂p = [1, -1, 0]/3 = [{string.Join(", ", mae.Gradient.Select(G))}]");
        var huber = Run(new Huber(), [0.5, 3], [0, 0], 2);
        Quoted($"L = {G(huber.Loss)};");
        Quoted($"∂L/∂p = [0.5, 1]/2 = [{G(huber.Gradient[0])}, {G(huber.Gradient[1])}]");
        var bce = Run(new BinaryCrossEntropy(), [0.5], [1], 1);
        Quoted($"p = σ(0.5) = {G(1 / (1 + Math.Exp(-0.5)))}; ℓ = log(1 + e^-0.5) = {G(bce.Loss)}; dℓ/dz = p - y = {G(bce.Gradient[0])}");
        var sparse = Run(new SparseCategoricalCrossEntropy(), [2, 1, 0.1], [0], 3);
        double[] p = new double[3];
        Activation.Softmax.Forward<double>([2, 1, 0.1], p, 3);
        Quoted($"p = softmax(z) = [{string.Join(", ", p.Select(G))}];");
        Quoted($"ℓ = -log {G(p[0])} = {G(sparse.Loss)}; ∂ℓ/∂z = p - y = [{string.Join(", ", sparse.Gradient.Select(G))}]");
        var categorical = Run(new CategoricalCrossEntropy(), [2, 1, 0.1], [1, 0, 0], 3);
        Assert.Equal(sparse.Loss, categorical.Loss, 1e-15);
        Assert.Equal(sparse.Gradient, categorical.Gradient, (l, r) => Math.Abs(l - r) < 1e-15);
    }

    [Fact]
    public void L2Penalty_ValueGradient_AndThePyTorchWeightDecayMapping()
    {
        var (withL2, penalty) = PenaltyStep(new Sequential<double>(new Dense<double>(2, useBias: false, l2: 0.01, inputs: 2)), new Sgd(0.1), PenaltyWeights);
        var (withDecay, _) = PenaltyStep(new Sequential<double>(new Dense<double>(2, useBias: false, inputs: 2)), new Sgd(0.1, weightDecay: 0.02), PenaltyWeights);

        Quoted($"L_penalty = 0.01·(0.25 + 1 + 4 + 0) = {G(penalty.Penalty)}");
        Quoted("2λW = [[0.01, -0.02], [0.04, 0]]");
        Quoted($"moves W to\n[[{G(withL2[0])}, {G(withL2[1])}], [{G(withL2[2])}, {G(withL2[3])}]]");
        Assert.Equal(withL2, withDecay);
    }

    [Fact]
    public void L1Penalty_ValueSubgradient_AndTheZeroThatStays()
    {
        var (withL1, penalty) = PenaltyStep(new Sequential<double>(new Dense<double>(2, useBias: false, l1: 0.01, inputs: 2)), new Sgd(0.1), PenaltyWeights);

        Quoted($"L_penalty = 0.01·(0.5 + 1 + 2 + 0) = {G(penalty.Penalty)}");
        Quoted("λ₁·sign(W) = [[0.01, -0.01], [0.01, 0]]");
        Quoted($"moves W to\n[[{G(withL1[0])}, {G(withL1[1])}], [{G(withL1[2])}, {G(withL1[3])}]]");
        Assert.Equal(0, withL1[3]);
    }

    private static readonly double[,] PenaltyWeights = { { 0.5, -1 }, { 2, 0 } };

    /// <summary>One SGD step with no data gradient: the targets equal the outputs, so only the penalty pulls.</summary>
    private static (double[] Weights, LossBreakdown Loss) PenaltyStep(Sequential<double> model, Optimizer optimizer, double[,] weights)
    {
        model.Compile(optimizer, new MeanSquaredError());
        ((Dense<double>)model.Layers[0]).SetWeights(weights);
        var x = new Matrix<double>(new double[,] { { 1, 1 } });
        var y = model.Predict(x);
        LossBreakdown loss = model.ComputeGradients(x, y);
        model.Fit(x, y, new TrainingOptions { Epochs = 1, BatchSize = 1 });
        return (model.Parameters.ToArray(), loss);
    }

    [Fact]
    public void Dropout_KeepsTheMeanAndScalesTheKept()
    {
        var model = new Sequential<double>(new Dropout<double>(0.5)) { Seed = 3 };
        model.Compile(new Sgd(0.1), new MeanSquaredError());
        model.Build(4);
        var dropout = (Dropout<double>)model.Layers[0];
        const int Rows = 20_000;
        dropout.PrepareTraining(Rows);
        dropout.StartEpoch(3, 0, 0);
        double[] x = [.. Enumerable.Range(0, Rows).SelectMany(_ => new double[] { 1, 2, 3, 4 })], y = new double[x.Length];
        dropout.Forward(x, y, Rows, training: true);

        Assert.All(y.Select((v, i) => (v, x[i])), pair => Assert.True(pair.v == 0 || pair.v == 2 * pair.Item2));
        for (int column = 0; column < 4; column++)
        {
            double mean = Enumerable.Range(0, Rows).Average(r => y[r * 4 + column]);
            // The standard error of the mean is x·1/√Rows ≈ 0.007·x; 5 of them is a loose, safe bound.
            Assert.Equal(column + 1, mean, 0.05 * (column + 1));
        }

        Quoted("each output is 0 or 2·x_i (e.g. mask [2, 0, 2, 0] gives\ny = [2, 0, 6, 0])");
    }

    [Fact]
    public void Optimizers_TwoSteps()
    {
        double[] Run(Optimizer optimizer)
        {
            double[] p = [1.0];
            var trace = new List<double>();
            foreach (double g in new[] { 0.5, -0.25 })
            {
                optimizer.Step<double>(p, [g]);
                trace.Add(p[0]);
            }

            return [.. trace];
        }

        double[] sgd = Run(new Sgd(0.1)), momentum = Run(new Sgd(0.1, 0.9)), nesterov = Run(new Sgd(0.1, 0.9, nesterov: true));
        Quoted($"Plain SGD: p = 1 - 0.05 = {G(sgd[0])}, then {G(sgd[1])}. Momentum: b = 0.5, p = {G(momentum[0])};");
        Quoted($"b = 0.9·0.5 - 0.25 = 0.2, p = {G(momentum[1])}. Nesterov: b = 0.5, d = 0.5 + 0.45 = 0.95, p = {G(nesterov[0])}; b = 0.2,\nd = -0.25 + 0.18 = -0.07, p = {G(nesterov[1])}.");
        double[] adam = Run(new Adam(0.1));
        Quoted($"step = 0.1·0.5/0.5 ≈ 0.1, p = {G(adam[0])}.");
        Quoted($"step = 0.0266337, p = {G(adam[1])}.");
        Assert.Equal(0.0266337, adam[0] - adam[1], 1e-7);
        double[] adamW = Run(new AdamW(0.1, weightDecay: 0.1));
        Quoted($"Step 1: p = 1·0.99 - 0.1 = {G(adamW[0])}; step 2: p = 0.89·0.99 - 0.0266337 = {G(adamW[1])}.");
        double[] rms = Run(new RmsProp(0.01));
        Quoted($"g/√s = 10, p = {G(rms[0])}. Step 2: s = 0.0031,\ng/√s = -4.49013, p = {G(rms[1])}.");
        Assert.Equal(-4.49013, (rms[1] - rms[0]) / -0.01, 1e-5);
    }

    [Fact]
    public void Initializers_HaveTheStatedScale()
    {
        var random = new Random(1);
        var weights = new double[784 * 256];

        Initializer.GlorotUniform.Fill<double>(weights, 784, 256, random);
        double limit = Math.Sqrt(6.0 / 1040);
        Assert.InRange(weights.Max(Math.Abs), 0.999 * limit, limit);
        Assert.Equal(limit * limit / 3, Variance(weights), 0.02 * limit * limit / 3);
        Quoted($"Glorot uniform: l = √(6/1040) = {G(limit)}, variance {G(limit * limit / 3)};");

        Initializer.HeNormal.Fill<double>(weights, 784, 256, random);
        double sigma = Math.Sqrt(2.0 / 784);
        Assert.Equal(sigma * sigma, Variance(weights), 0.02 * sigma * sigma);
        Quoted($"He normal: σ = √(2/784) = {G(sigma)}, variance {G(sigma * sigma)}.");

        static double Variance(double[] values) => values.Select(v => v * v).Average() - Math.Pow(values.Average(), 2);
    }

    /// <summary>6 significant digits, as the page prints them (−0, which vectorised tanh can return, prints as 0).</summary>
    private static string G(double value) => (value + 0.0).ToString("G6", CultureInfo.InvariantCulture);

    private static void Quoted(string text) =>
        Assert.True(Page.Contains(text, StringComparison.Ordinal), $"docs/engine-math.md should say: {text}");
}
