using System.Globalization;
using Perceptron.Activations;
using Perceptron.Explain;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Tests.Explain;

/// <summary>
/// Every number of an engine model's explanation (float32), read back from its JSON, against an independent double
/// reference (<see cref="ReferenceNetwork"/>): forward, loss, backward (also checked by central differences) and the
/// optimizer's published update rule. Agreement is required to 1e-6 relative to each tensor's largest element, the
/// float32 rounding of a few operations (ε = 6e-8) with room to spare.
/// </summary>
public class EngineExplainerTests
{
    private const double Float32Relative = 1e-6;

    private static readonly (string Output, string Loss)[] Heads =
    [
        ("linear", "mse"), ("sigmoid", "mse"), ("tanh", "mse"), ("softmax", "mse"), ("linear", "mae"), ("linear", "huber"),
        ("softmax", "categorical_crossentropy"), ("linear", "categorical_crossentropy"),
        ("softmax", "sparse_categorical_crossentropy"), ("sigmoid", "binary_crossentropy"), ("linear", "binary_crossentropy"),
    ];

    public static TheoryData<string, string, string> ActivationLossPairs()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string hidden in new[] { "linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu" })
        {
            foreach (var (output, loss) in Heads)
            {
                data.Add(hidden, output, loss);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ActivationLossPairs))]
    public void EveryNumber_MatchesTheIndependentReference_ForEveryActivationAndLoss(string hidden, string output, string loss)
    {
        var model = new Sequential<float>(
            new Dense<float>(4, Activation.FromName(hidden), l2: 0.01, inputs: 3), new Dense<float>(3, Activation.FromName(output)))
        { Seed = 11 };
        model.Compile(new Sgd(0.1), Loss.FromName(loss));
        RandomBiases(model, seed: 3);
        var (x, y) = Row(loss, seed: hidden.Length + 7 * loss.Length);

        CheckAgainstReference(model, x, y, [hidden, output], loss);
    }

    public static TheoryData<string> Optimizers => new(["sgd", "momentum", "nesterov", "sgd_decay", "adam", "adam_decay", "adamw", "rmsprop", "rmsprop_momentum"]);

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void TheUpdate_FollowsThePublishedRule_WithItsState(string optimizer)
    {
        Optimizer rule = optimizer switch
        {
            "sgd" => new Sgd(0.05),
            "momentum" => new Sgd(0.05, momentum: 0.9),
            "nesterov" => new Sgd(0.05, momentum: 0.9, nesterov: true),
            "sgd_decay" => new Sgd(0.05, momentum: 0.5, weightDecay: 0.1),
            "adam" => new Adam(0.01),
            "adam_decay" => new Adam(0.01, weightDecay: 0.1),
            "adamw" => new AdamW(0.01, weightDecay: 0.1),
            "rmsprop" => new RmsProp(0.01),
            _ => new RmsProp(0.01, momentum: 0.5, weightDecay: 0.1),
        };
        var model = new Sequential<float>(new Dense<float>(5, Activation.Tanh, l2: 0.01, inputs: 3), new Dropout<float>(0.3), new Dense<float>(2)) { Seed = 5 };
        model.Compile(rule, new MeanSquaredError());
        var (x, y) = Row("mse", seed: 1, outputs: 2);

        // A few steps first, so that the optimizer's state (velocity, moments, t) is not at its start.
        var (warmX, warmY) = Batch(rows: 6, seed: 2);
        model.Fit(warmX, warmY, epochs: 2, batchSize: 3);
        Assert.Equal(4, model.Optimizer!.Iterations);

        ExplainJson json = CheckAgainstReference(model, x, y, ["tanh", null, "linear"], "mse", epoch: 3);
        Assert.True(json.Has("update.0.W"), "the update was not explained");
    }

    [Fact]
    public void Explain_LeavesTheModelAsItWas_AndItsGradientsAreTheTrainingStepsOwn()
    {
        var model = new Sequential(new Dense(6, Activation.Relu, l2: 0.02, inputs: 3), new Dropout(0.25), new Dense(3, Activation.Softmax)) { Seed = 9 };
        model.Compile(new Adam(0.01), new SparseCategoricalCrossEntropy());
        var (x, y) = Row("sparse_categorical_crossentropy", seed: 4);
        var (warmX, warmY) = (x, y);
        model.Fit(warmX, warmY, epochs: 1, batchSize: 1);
        float[] parameters = model.Parameters.ToArray();
        long iterations = model.Optimizer!.Iterations;
        float[][] state = [.. model.Optimizer.State.Select(s => ((float[])s).ToArray())];

        StepExplanation step = EngineExplainer.Explain(model, x, y, epoch: 2);

        Assert.Equal(parameters, model.Parameters.ToArray());
        Assert.Equal(iterations, model.Optimizer.Iterations);
        Assert.Equal(state, model.Optimizer.State.Select(s => ((float[])s).ToArray()));
        // The step's gradients are exactly those of ComputeGradients on the same row and epoch (dropout mask included).
        model.ComputeGradients(x, y, epoch: 1);
        var dense = (Dense)model.Layers[0];
        Assert.Equal(dense.WeightGradients.ToArray().Select(v => (double)v), step["backward.0.grad_W"].Values);
        Assert.Equal(((Dense)model.Layers[2]).BiasGradients.ToArray().Select(v => (double)v), step["backward.2.grad_b"].Values);
        // And its new weights are what one Fit step on that row gives.
        model.Fit(x, y, new TrainingOptions { Epochs = 2, InitialEpoch = 1, BatchSize = 1 });
        Assert.Equal(dense.Weights.ToArray().Select(v => (double)v), step["update.0.W"].Values);
    }

    [Fact]
    public void ClassWeightedCrossEntropy_ShowsTheWeightInItsFormula_AndInItsNumbers()
    {
        double[] weights = [0.5, 4, 1.5];
        var model = new Sequential<float>(new Dense<float>(4, Activation.Tanh, inputs: 3), new Dense<float>(3, Activation.Softmax)) { Seed = 8 };
        model.Compile(new Sgd(0.1), new SparseCategoricalCrossEntropy(weights));
        var x = new Matrix<float>(1, 3, [0.2f, -0.7f, 1.1f]);
        var y = new Matrix<float>(1, 1, [1]);

        StepExplanation step = EngineExplainer.Explain(model, x, y);

        // From the explanation's own logits, in double: ℓ = w_y·(logsumexp(h) − h_y), ∂ℓ/∂h = w_y·(softmax(h) − onehot(y)).
        double[] h = [.. step["forward.1.h"].Values];
        double logSumExp = Math.Log(h.Sum(Math.Exp));
        Assert.Equal(weights[1] * (logSumExp - h[1]), step["loss.data"].Values[0], 1e-6);
        double[] expected = [.. h.Select((value, k) => weights[1] * (Math.Exp(value - logSumExp) - (k == 1 ? 1 : 0)))];
        Near(expected, [.. step["loss.grad"].Values], "loss.grad");
        Assert.Contains("w_y", step["loss.grad"].Formula, StringComparison.Ordinal);
        Assert.Contains("w_y", step["backward.1.delta"].Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void L1Penalty_IsExplained_AndItsShareOfTheGradientShown()
    {
        var model = new Sequential<float>(new Dense<float>(4, Activation.Tanh, l2: 0.01, inputs: 3, l1: 0.02), new Dense<float>(2, l1: 0.05)) { Seed = 6 };
        model.Compile(new Sgd(0.1), new MeanSquaredError());
        var (x, y) = Row("mse", seed: 8, outputs: 2);

        StepExplanation step = EngineExplainer.Explain(model, x, y);

        // The penalty, recomputed in double from the explanation's own weights: λ·Σw² + λ₁·Σ|w| per layer.
        double[] w0 = [.. step["forward.0.W"].Values], w1 = [.. step["forward.1.W"].Values];
        double penalty = 0.01 * w0.Sum(w => w * w) + 0.02 * w0.Sum(Math.Abs) + 0.05 * w1.Sum(Math.Abs);
        Assert.Equal(penalty, step["loss.penalty"].Values[0], penalty * 1e-5);
        Assert.Equal(w1.Select(w => 0.05 * Math.Sign(w)), step["backward.1.l1_grad_W"].Values);
        Assert.Contains("λ₁·sign(W[1])", step["backward.1.grad_W"].Formula, StringComparison.Ordinal);
        Assert.Contains("2λ·W[0] + λ₁·sign(W[0])", step["backward.0.grad_W"].Formula, StringComparison.Ordinal);
        // The gradient shown is the one training uses, penalties included.
        LossBreakdown objective = model.ComputeGradients(x, y);
        Assert.Equal(objective.Penalty, step["loss.penalty"].Values[0], 1e-9);
        Assert.Equal(((Dense<float>)model.Layers[1]).WeightGradients.ToArray().Select(v => (double)v), step["backward.1.grad_W"].Values);
    }

    [Fact]
    public void UserWrittenParts_AreExplained_WithoutSourceLinesOfTheirOwn()
    {
        var model = new Sequential<float>(new Dense<float>(3, new UserWritten.Softplus(), inputs: 3), new Dense<float>(2)) { Seed = 4 };
        model.Compile(new Sgd(0.1), new UserWritten.LogCosh());
        var (x, y) = Row("mse", seed: 6, outputs: 2);

        StepExplanation step = EngineExplainer.Explain(model, x, y);

        Assert.Equal([SourceLines.DenseActivation], step["forward.0.a"].Sources);
        Assert.Equal([SourceLines.EngineLoss], step["loss.data"].Sources);
        Assert.Empty(step["loss.grad"].Sources);
        model.ComputeGradients(x, y);
        Assert.Equal(((Dense<float>)model.Layers[0]).WeightGradients.ToArray().Select(v => (double)v), step["backward.0.grad_W"].Values);
    }

    [Fact]
    public void ALayerKindWithoutItsOwnExplainer_IsShownByItsTensorsAndGradients()
    {
        var model = new Sequential(new Dense(4, Activation.Tanh, inputs: 3), new LayerNormalization(), new Dense(2)) { Seed = 2 };
        model.Compile(new Sgd(0.1), new MeanSquaredError());
        var (x, y) = Row("mse", seed: 5, outputs: 2);

        StepExplanation step = EngineExplainer.Explain(model, x, y);

        var norm = (LayerNormalization)model.Layers[1];
        Assert.Equal(norm.Gamma.ToArray().Select(v => (double)v), step["forward.1.gamma"].Values);
        model.ComputeGradients(x, y);
        int offset = model.Layers[0].ParameterCount;
        Assert.Equal(model.Gradients.Slice(offset, 4).ToArray().Select(v => (double)v), step["backward.1.grad_gamma"].Values);
        Assert.Equal(model.Gradients.Slice(offset + 4, 4).ToArray().Select(v => (double)v), step["backward.1.grad_beta"].Values);
        Assert.True(step["update.1.gamma"].Values.Count == 4);
    }

    /// <summary>Explains the row, reads the JSON back and checks every value against the reference; returns the JSON.</summary>
    private static ExplainJson CheckAgainstReference(Sequential<float> model, Matrix<float> x, Matrix<float> y, string?[] activations, string loss, int epoch = 1)
    {
        var json = new ExplainJson(EngineExplainer.Explain(model, x, y, epoch: epoch).ToJson());
        Assert.Equal("float32", json.Precision);
        var layers = new List<ReferenceNetwork.Layer>();
        for (int i = 0; i < activations.Length; i++)
        {
            layers.Add(activations[i] is string name
                ? new ReferenceNetwork.Layer(json.Matrix($"forward.{i}.W"), json.Has($"forward.{i}.b") ? json[$"forward.{i}.b"] : null, name, ((Dense<float>)model.Layers[i]).L2, null)
                : new ReferenceNetwork.Layer(null, null, "", 0, json[$"forward.{i}.mask"]));
        }

        var reference = new ReferenceNetwork(layers, loss);
        double[] input = json["input.x"], target = json["input.y"];
        Near(ToDoubles(x.Data), input, "input.x");
        Near(ToDoubles(y.Data), target, "input.y");

        // forward
        var (h, a) = reference.Forward(input);
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i].IsDense)
            {
                Near(h[i]!, json[$"forward.{i}.h"], $"forward.{i}.h");
            }
            else
            {
                double keep = 1 / (1 - ((Dropout<float>)model.Layers[i]).Rate);
                Assert.All(json[$"forward.{i}.mask"], m => Assert.True(m == 0 || Math.Abs(m - keep) < 1e-6, $"mask value {m}"));
            }

            Near(a[i + 1], json[$"forward.{i}.a"], $"forward.{i}.a");
        }

        // loss
        Near([reference.DataLoss(input, target)], [json.Scalar("loss.data")], "loss.data");
        Near([reference.Penalty()], [json.Scalar("loss.penalty")], "loss.penalty");
        Near([reference.Objective(input, target)], [json.Scalar("loss.total")], "loss.total");
        bool logits = ReferenceMath.TakesLogits(loss);
        Near(ReferenceMath.LossGradient(loss, logits ? h[^1]! : a[^1], target), json["loss.grad"], "loss.grad");

        // backward: the reference's analytic pass, which central differences vouch for
        ReferenceNetwork.Gradients[] gradients = reference.Backward(input, target);
        for (int i = layers.Count - 1; i >= 0; i--)
        {
            bool fused = logits && i == layers.Count - 1;
            if (!fused)
            {
                Near(gradients[i].OutputGradient, json[$"backward.{i}.grad_a"], $"backward.{i}.grad_a");
            }

            if (layers[i].IsDense)
            {
                if (!fused && layers[i].Activation != "softmax")
                {
                    Near(ReferenceMath.Derivative(layers[i].Activation, h[i]!), json[$"backward.{i}.f_prime"], $"backward.{i}.f_prime");
                }

                Near(gradients[i].Delta!, json[$"backward.{i}.delta"], $"backward.{i}.delta");
                var (numericW, numericB) = reference.NumericGradients(i, input, target);
                Near(Flatten(numericW), Flatten(gradients[i].W!), $"reference ∂L/∂W[{i}] against central differences", 1e-7);
                Near(Flatten(numericW), json[$"backward.{i}.grad_W"], $"backward.{i}.grad_W against central differences");
                if (layers[i].B is not null)
                {
                    Near(numericB!, json[$"backward.{i}.grad_b"], $"backward.{i}.grad_b against central differences");
                }

                if (layers[i].L2 > 0)
                {
                    Near(Flatten(layers[i].W!).Select(w => 2 * layers[i].L2 * w).ToArray(), json[$"backward.{i}.penalty_grad_W"], $"backward.{i}.penalty_grad_W");
                }
            }

            Near(gradients[i].InputGradient, json[$"backward.{i}.grad_a_down"], $"backward.{i}.grad_a_down");
        }

        CheckUpdate(model.Optimizer!, json, layers);
        return json;
    }

    /// <summary>The optimizer's published rule, applied in double to the explained gradient and previous state.</summary>
    private static void CheckUpdate(Optimizer optimizer, ExplainJson json, List<ReferenceNetwork.Layer> layers)
    {
        double eta = json.Settings["learning_rate"];
        for (int i = 0; i < layers.Count; i++)
        {
            if (!layers[i].IsDense)
            {
                continue;
            }

            foreach (var (symbol, p) in new[] { ("W", Flatten(layers[i].W!)), ("b", layers[i].B) })
            {
                if (p is null)
                {
                    continue;
                }

                string id = $"update.{i}.{symbol}";
                double[] g = json[$"{id}.g"];
                double[] expected;
                switch (optimizer)
                {
                    case Sgd sgd:
                        {
                            double[] gd = [.. g.Select((gk, k) => gk + sgd.WeightDecay * p[k])];
                            double[] direction = gd;
                            if (sgd.Momentum > 0)
                            {
                                double[] b = [.. json[$"{id}.velocity_prev"].Select((bk, k) => sgd.Momentum * bk + gd[k])];
                                Near(b, json[$"{id}.velocity"], $"{id}.velocity");
                                direction = sgd.Nesterov ? [.. gd.Select((gk, k) => gk + sgd.Momentum * b[k])] : b;
                            }

                            expected = [.. p.Select((pk, k) => pk - eta * direction[k])];
                            break;
                        }

                    case Adam adam:
                        {
                            double t = json.Scalar("update.t");
                            bool decoupled = adam is AdamW;
                            double[] start = decoupled ? [.. p.Select(pk => pk * (1 - eta * adam.WeightDecay))] : p;
                            double[] gd = decoupled ? g : [.. g.Select((gk, k) => gk + adam.WeightDecay * p[k])];
                            double[] m = [.. json[$"{id}.m_prev"].Select((mk, k) => adam.Beta1 * mk + (1 - adam.Beta1) * gd[k])];
                            double[] v = [.. json[$"{id}.v_prev"].Select((vk, k) => adam.Beta2 * vk + (1 - adam.Beta2) * gd[k] * gd[k])];
                            double[] mHat = [.. m.Select(mk => mk / (1 - Math.Pow(adam.Beta1, t)))];
                            double[] vHat = [.. v.Select(vk => vk / (1 - Math.Pow(adam.Beta2, t)))];
                            Near(m, json[$"{id}.m"], $"{id}.m");
                            Near(v, json[$"{id}.v"], $"{id}.v");
                            Near(mHat, json[$"{id}.m_hat"], $"{id}.m_hat");
                            Near(vHat, json[$"{id}.v_hat"], $"{id}.v_hat");
                            expected = [.. start.Select((pk, k) => pk - eta * mHat[k] / (Math.Sqrt(vHat[k]) + adam.Epsilon))];
                            break;
                        }

                    case RmsProp rms:
                        {
                            double[] gd = [.. g.Select((gk, k) => gk + rms.WeightDecay * p[k])];
                            double[] s = [.. json[$"{id}.square_prev"].Select((sk, k) => rms.Rho * sk + (1 - rms.Rho) * gd[k] * gd[k])];
                            Near(s, json[$"{id}.square"], $"{id}.square");
                            double[] scaled = [.. gd.Select((gk, k) => gk / (Math.Sqrt(s[k]) + rms.Epsilon))];
                            if (rms.Momentum > 0)
                            {
                                scaled = [.. json[$"{id}.velocity_prev"].Select((bk, k) => rms.Momentum * bk + scaled[k])];
                                Near(scaled, json[$"{id}.velocity"], $"{id}.velocity");
                            }

                            expected = [.. p.Select((pk, k) => pk - eta * scaled[k])];
                            break;
                        }

                    default:
                        throw new InvalidOperationException(optimizer.Name);
                }

                Near(expected, json[id], id);
            }
        }
    }

    /// <summary>|expected − actual| ≤ relative × the largest |expected| of the tensor, element by element.</summary>
    private static void Near(double[] expected, double[] actual, string what, double relative = Float32Relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Length == 0 ? 0 : expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * scale,
                string.Create(CultureInfo.InvariantCulture, $"{what}[{i}]: expected {expected[i]:G10}, explained {actual[i]:G10} (tensor scale {scale:G3})"));
        }
    }

    private static double[] Flatten(double[,] matrix) => [.. matrix.Cast<double>()];

    private static double[] ToDoubles(float[] values) => [.. values.Select(v => (double)v)];

    private static void RandomBiases(Sequential<float> model, int seed)
    {
        var random = new Random(seed);
        foreach (var dense in model.Layers.OfType<Dense<float>>())
        {
            foreach (ref float b in dense.Bias)
            {
                b = (float)(random.NextDouble() - 0.5);
            }
        }
    }

    private static (Matrix<float> X, Matrix<float> Y) Row(string loss, int seed, int outputs = 3)
    {
        var random = new Random(seed);
        var x = new Matrix<float>(1, 3);
        foreach (ref float value in x.AsSpan())
        {
            value = (float)(random.NextDouble() * 4 - 2);
        }

        Matrix<float> y;
        switch (loss)
        {
            case "sparse_categorical_crossentropy":
                y = new Matrix<float>(1, 1, [random.Next(outputs)]);
                break;
            case "categorical_crossentropy":
                y = new Matrix<float>(1, outputs);
                y[0, random.Next(outputs)] = 1;
                break;
            default:
                y = new Matrix<float>(1, outputs);
                foreach (ref float value in y.AsSpan())
                {
                    value = loss == "binary_crossentropy" ? random.Next(2) : (float)(random.NextDouble() * 2 - 1);
                }

                break;
        }

        return (x, y);
    }

    private static (Matrix<float> X, Matrix<float> Y) Batch(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new Matrix<float>(rows, 3);
        var y = new Matrix<float>(rows, 2);
        foreach (ref float value in x.AsSpan())
        {
            value = (float)(random.NextDouble() * 2 - 1);
        }

        foreach (ref float value in y.AsSpan())
        {
            value = (float)random.NextDouble();
        }

        return (x, y);
    }
}
