using System.Globalization;
using Perceptron.Classic;
using Perceptron.Explain;

namespace Perceptron.Tests.Explain;

/// <summary>
/// Every number of the classic network's explanation, read back from its JSON, against the textbook formulas in plain
/// double loops written here (and central differences of E for the derivatives), to 1e-12 relative to each value's
/// largest element.
/// </summary>
public class ClassicExplainerTests
{
    private const double Float64Relative = 1e-12;

    [Fact]
    public void DemoDefaults_FirstSample_EveryNumberMatchesTheFormulas()
    {
        var (inputs, targets) = SumOfTwoNumbers.Generate(5000, 42);
        var mlp = new MultilayerPerceptron(2, [5], 1, useBiases: true, seed: SumOfTwoNumbers.WeightSeed(42));

        var json = new ExplainJson(ClassicExplainer.Explain(mlp, inputs[0], targets[0], 0.1).ToJson());

        Assert.Equal(inputs[0], json["input.x"]);
        CheckAgainstFormulas(json, layers: 2, useBiases: true, learningRate: 0.1);
    }

    [Theory]
    [InlineData(new[] { 3, 2 }, true, 0.5, 1)]
    [InlineData(new[] { 4 }, false, 0.1, 2)]
    [InlineData(new int[0], true, 1.0, 3)]
    [InlineData(new[] { 2, 3, 2 }, true, 0.3, 4)]
    public void AnyShape_EveryNumberMatchesTheFormulas(int[] hidden, bool useBiases, double learningRate, int seed)
    {
        var random = new Random(seed);
        var mlp = new MultilayerPerceptron(3, hidden, 2, useBiases, seed);
        foreach (double[] b in mlp.Biases)
        {
            for (int j = 0; j < b.Length && useBiases; j++)
            {
                b[j] = random.NextDouble() - 0.5;
            }
        }

        double[] x = [random.NextDouble(), -random.NextDouble(), 2 * random.NextDouble()];
        double[] t = [random.NextDouble(), random.NextDouble()];

        var json = new ExplainJson(ClassicExplainer.Explain(mlp, x, t, learningRate, sample: 3, epoch: 2).ToJson());

        CheckAgainstFormulas(json, hidden.Length + 1, useBiases, learningRate);
    }

    [Fact]
    public void Explain_LeavesTheNetworkUnchanged_AndMatchesOneTrainingStep()
    {
        var (inputs, targets) = SumOfTwoNumbers.Generate(3, 7);
        var mlp = new MultilayerPerceptron(2, [4], 1, seed: 7);
        double[] before = [.. mlp.Weights[0].Cast<double>()];

        StepExplanation step = ClassicExplainer.Explain(mlp, inputs[0], targets[0], 0.2);

        Assert.Equal(before, mlp.Weights[0].Cast<double>());
        mlp.Train(inputs[..1], targets[..1], epochs: 1, learningRate: 0.2);
        Assert.Equal(mlp.Weights[0].Cast<double>(), step["update.0.W"].Values);
        Assert.Equal(mlp.Biases[1], step["update.1.b"].Values);
    }

    /// <summary>Recomputes the step from the explanation's own inputs, weights and biases, and compares every value.</summary>
    private static void CheckAgainstFormulas(ExplainJson json, int layers, bool useBiases, double learningRate)
    {
        Assert.Equal("float64", json.Precision);
        Assert.Equal(learningRate, json.Settings["learning_rate"]);
        var w = new double[layers][,];
        var b = new double[layers][];
        var a = new double[layers + 1][];
        a[0] = json["input.x"];
        double[] t = json["input.t"];

        // forward: h = a·W + b, a = σ(h)
        for (int i = 0; i < layers; i++)
        {
            w[i] = json.Matrix($"forward.{i}.W");
            b[i] = useBiases ? json[$"forward.{i}.b"] : new double[w[i].GetLength(1)];
            Assert.Equal(useBiases, json.Has($"forward.{i}.b"));
            var h = new double[w[i].GetLength(1)];
            for (int j = 0; j < h.Length; j++)
            {
                h[j] = b[i][j];
                for (int k = 0; k < a[i].Length; k++)
                {
                    h[j] += a[i][k] * w[i][k, j];
                }
            }

            a[i + 1] = [.. h.Select(v => 1 / (1 + Math.Exp(-v)))];
            Near(h, json[$"forward.{i}.h"], $"forward.{i}.h");
            Near(a[i + 1], json[$"forward.{i}.a"], $"forward.{i}.a");
        }

        // error: e = t − y, E = ½Σe², MSE = Σe²/n
        double[] e = [.. t.Select((ti, o) => ti - a[layers][o])];
        Near(e, json["loss.e"], "loss.e");
        Near([0.5 * e.Sum(v => v * v)], [json.Scalar("loss.E")], "loss.E");
        Near([e.Sum(v => v * v) / e.Length], [json.Scalar("loss.mse")], "loss.mse");

        // backward: δ = e ⊙ a(1 − a), D = aᵀ·δ, e ← δ·Wᵀ; D must be −∂E/∂W by central differences
        var derivatives = new double[layers][,];
        var deltas = new double[layers][];
        for (int i = layers - 1; i >= 0; i--)
        {
            Near(e, json[$"backward.{i}.e"], $"backward.{i}.e");
            double[] delta = [.. e.Select((ej, j) => ej * a[i + 1][j] * (1 - a[i + 1][j]))];
            var d = new double[a[i].Length, delta.Length];
            var down = new double[a[i].Length];
            for (int k = 0; k < a[i].Length; k++)
            {
                for (int j = 0; j < delta.Length; j++)
                {
                    d[k, j] = a[i][k] * delta[j];
                    down[k] += delta[j] * w[i][k, j];
                }
            }

            Near([.. a[i + 1].Select(v => v * (1 - v))], json[$"backward.{i}.sigmoid_derivative"], $"backward.{i}.sigmoid_derivative");
            Near(delta, json[$"backward.{i}.delta"], $"backward.{i}.delta");
            Near(Flatten(d), json[$"backward.{i}.derivatives"], $"backward.{i}.derivatives");
            Near(down, json[$"backward.{i}.e_down"], $"backward.{i}.e_down");
            if (useBiases)
            {
                Near(delta, json[$"backward.{i}.bias_derivatives"], $"backward.{i}.bias_derivatives");
            }

            double[] numeric = NumericGradient(w, b, a[0], t, i);
            Near(numeric, [.. Flatten(d).Select(v => -v)], $"−Derivatives[{i}] against central differences of E", 1e-6);
            (derivatives[i], deltas[i], e) = (d, delta, down);
        }

        // update: W ← W + η·D, b ← b + η·δ
        for (int i = 0; i < layers; i++)
        {
            double[] increment = [.. Flatten(derivatives[i]).Select(v => v * learningRate)];
            Near(increment, json[$"update.{i}.delta_W"], $"update.{i}.delta_W");
            Near([.. Flatten(w[i]).Select((v, k) => v + increment[k])], json[$"update.{i}.W"], $"update.{i}.W");
            if (useBiases)
            {
                Near([.. b[i].Select((v, j) => v + learningRate * deltas[i][j])], json[$"update.{i}.b"], $"update.{i}.b");
            }
        }
    }

    /// <summary>∂E/∂W[i] by central differences of E = ½Σ(t − y)², step 1e-6.</summary>
    private static double[] NumericGradient(double[][,] w, double[][] b, double[] x, double[] t, int layer)
    {
        double E()
        {
            double[] a = x;
            for (int i = 0; i < w.Length; i++)
            {
                var next = new double[w[i].GetLength(1)];
                for (int j = 0; j < next.Length; j++)
                {
                    double h = b[i][j];
                    for (int k = 0; k < a.Length; k++)
                    {
                        h += a[k] * w[i][k, j];
                    }

                    next[j] = 1 / (1 + Math.Exp(-h));
                }

                a = next;
            }

            return 0.5 * a.Select((y, o) => (t[o] - y) * (t[o] - y)).Sum();
        }

        var gradient = new double[w[layer].Length];
        for (int n = 0; n < gradient.Length; n++)
        {
            int k = n / w[layer].GetLength(1), j = n % w[layer].GetLength(1);
            double saved = w[layer][k, j];
            w[layer][k, j] = saved + 1e-6;
            double plus = E();
            w[layer][k, j] = saved - 1e-6;
            double minus = E();
            w[layer][k, j] = saved;
            gradient[n] = (plus - minus) / 2e-6;
        }

        return gradient;
    }

    /// <summary>|expected − actual| ≤ relative × the largest |expected| (or an absolute 1e-300 when all are 0).</summary>
    private static void Near(double[] expected, double[] actual, string what, double relative = Float64Relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(expected.Max(Math.Abs), 1e-300);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * scale,
                string.Create(CultureInfo.InvariantCulture, $"{what}[{i}]: expected {expected[i]:R}, explained {actual[i]:R}"));
        }
    }

    private static double[] Flatten(double[,] matrix) => [.. matrix.Cast<double>()];
}
