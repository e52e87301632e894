using Perceptron.Activations;
using Perceptron.Cli.Pictures;
using Perceptron.Layers;
using Perceptron.Tensors;
using SkiaSharp;

namespace Perceptron.Cli.Tests.Pictures;

/// <summary>
/// The computation graph's boxes hold the engine's values and gradients for the sample: each value agrees with an
/// independent double-precision forward pass, each gradient with a finite difference of the loss and with the engine's
/// own parameter gradients; the picture is drawn and readable.
/// </summary>
public class ComputationGraphTests
{
    private static readonly float[] Sample = [0.45f, 0.45f];

    [Theory]
    [InlineData("sigmoid", "linear")]
    [InlineData("tanh", "sigmoid")]
    [InlineData("relu", "linear")]
    public void RegressionGraph_ValuesAndGradients_AreTheEnginesAndMatchFiniteDifferences(string hidden, string output)
    {
        var view = SmallNetworks.Regression(Activation.FromName(hidden), Activation.FromName(output), seed: 7, 3);
        var graph = Graph(view, "0.9", out var x, out var y);
        CheckAgainstFiniteDifferences(view, graph, target: 0.9);
        CheckAgainstEngine(view, graph, x, y);

        // Values: z, a, the output and the loss from the independent forward pass.
        double[][] levels = view.Forward(Sample);
        double[] z0 = view.PreActivations(0, levels[0]);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(z0[j], graph.Node($"z1[{j + 1}]").Value, 1e-5);
            Assert.Equal(levels[1][j], graph.Node($"a1[{j + 1}]").Value, 1e-5);
        }

        Assert.Equal((levels[2][0] - 0.9) * (levels[2][0] - 0.9), graph.Node("L").Value, 1e-5);
        Assert.Equal(1.0, graph.Node("L").Gradient!.Value);
        Assert.Null(graph.Node("y").Gradient);
        Assert.Equal(2 + 6 + 3 + 3 + 1 + 3 + 3 + 1 + 1 + 1 + 1, graph.Nodes.Count);
    }

    [Fact]
    public void ClassifierGraph_TheLossReadsTheOutputsZ_SoItsProbabilitiesCarryNoGradient()
    {
        var view = SmallNetworks.Classifier(Activation.Tanh, seed: 3, 3);
        var graph = Graph(view, "yes", out var x, out var y);
        Assert.Equal(1f, y[0, 0]);
        CheckAgainstFiniteDifferences(view, graph, target: 1);
        CheckAgainstEngine(view, graph, x, y);
        Assert.Null(graph.Node("a2[1]").Gradient);
        double p = graph.Node("a2[2]").Value;
        Assert.Equal(-Math.Log(p), graph.Node("L").Value, 1e-5);
        Assert.Equal(p - 1, graph.Node("z2[2]").Gradient!.Value, 1e-5);
    }

    [Fact]
    public void Graph_IsDrawnAsPngAndSvg()
    {
        var view = SmallNetworks.Regression(Activation.Sigmoid, Activation.Linear, seed: 7, 5);
        var graph = Graph(view, "0.9", out _, out _);
        using var folder = new TempFolder();
        string png = folder.File("graph.png"), svg = folder.File("graph.svg");
        var plot = graph.Draw("2-5-1 on 0.45, 0.45");
        PictureFile.Save(plot, png, graph.Size.Width, graph.Size.Height);
        PictureFile.Save(plot, svg, graph.Size.Width, graph.Size.Height);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(graph.Size, (bitmap.Width, bitmap.Height));
        Assert.True(graph.Size.Height >= 15 * 40, $"15 parameter boxes need room; the picture is {graph.Size.Height} pixels high");
        Assert.True(bitmap.Pixels.Distinct().Count() > 100, "the graph looks blank");
        string text = File.ReadAllText(svg);
        Assert.Contains("W1[2,5]", text, StringComparison.Ordinal);
        Assert.Contains("grad", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TooLargeANetwork_IsRefused()
    {
        var view = SmallNetworks.Regression(Activation.Relu, Activation.Linear, seed: 1, 16);
        Assert.True(ComputationGraph.Parameters(view) > ComputationGraph.MaxParameters);
        var pass = EnginePass.Run(view, new Matrix<float>(1, 2, Sample), LossTargets.Parse(view, "0.9"));
        Assert.Throws<ArgumentException>(() => ComputationGraph.Of(view, pass, "0.9", 0.9));
    }

    [Fact]
    public void NetworkDiagramDeltas_AreTheEnginesGradientOfTheLossWithRespectToZ()
    {
        // For one row ∂L/∂b = ∂L/∂z (z = a·W + b): the engine's bias gradients are its gradients with respect to z.
        var view = SmallNetworks.Regression(Activation.Tanh, Activation.Linear, seed: 11, 4, 3);
        var x = new Matrix<float>(1, 2, Sample);
        var y = LossTargets.Parse(view, "0.9");
        var pass = EnginePass.Run(view, x, y);
        view.Model.Network.ComputeGradients(x, y);
        double[][] levels = view.Forward(Sample);
        for (int layer = 0; layer < view.Layers.Count; layer++)
        {
            Dense<float> dense = view.Layers[layer];
            double[] z = view.PreActivations(layer, levels[layer]);
            for (int j = 0; j < dense.Units; j++)
            {
                Assert.Equal(dense.BiasGradients[j], pass.Layers[layer].Deltas[j], 1e-6);
                int l = layer;
                SmallNetworks.Close(SmallNetworks.Difference(z, j, values => SmallNetworks.LossFromZ(view, l, values, 0.9)), pass.Layers[layer].Deltas[j], $"δ of layer {layer + 1}, unit {j + 1}");
            }
        }
    }

    private static ComputationGraph Graph(NetworkView view, string target, out Matrix<float> x, out Matrix<float> y)
    {
        x = new Matrix<float>(1, 2, Sample);
        y = LossTargets.Parse(view, target);
        return ComputationGraph.Of(view, EnginePass.Run(view, x, y), target, y[0, 0]);
    }

    /// <summary>Every gradient in the graph against a central difference of the loss in the node's own value.</summary>
    private static void CheckAgainstFiniteDifferences(NetworkView view, ComputationGraph graph, double target)
    {
        double[] input = [.. Sample.Select(v => (double)v)];
        for (int k = 0; k < 2; k++)
        {
            SmallNetworks.Close(SmallNetworks.Difference(input, k, values => SmallNetworks.LossFromA(view, -1, values, target)), graph.Node($"x{k + 1}").Gradient!.Value, $"x{k + 1}");
        }

        double[][] levels = view.Forward(Sample);
        int offset = 0;
        for (int layer = 0; layer < view.Layers.Count; layer++)
        {
            Dense<float> dense = view.Layers[layer];
            int l = layer;
            double[] z = view.PreActivations(layer, levels[layer]);
            for (int j = 0; j < dense.Units; j++)
            {
                string unit = $"{layer + 1}[{j + 1}]";
                SmallNetworks.Close(SmallNetworks.Difference(z, j, values => SmallNetworks.LossFromZ(view, l, values, target)), graph.Node($"z{unit}").Gradient!.Value, $"z{unit}");
                if (graph.Node($"a{unit}").Gradient is double aGradient)
                {
                    SmallNetworks.Close(SmallNetworks.Difference(levels[layer + 1], j, values => SmallNetworks.LossFromA(view, l, values, target)), aGradient, $"a{unit}");
                }

                for (int k = 0; k < dense.Inputs; k++)
                {
                    double expected = SmallNetworks.ParameterDifference(view, offset + (k * dense.Units) + j, () => SmallNetworks.LossFromA(view, -1, input, target));
                    SmallNetworks.Close(expected, graph.Node($"W{layer + 1}[{k + 1},{j + 1}]").Gradient!.Value, $"W{layer + 1}[{k + 1},{j + 1}]");
                }

                double bias = SmallNetworks.ParameterDifference(view, offset + dense.Weights.Length + j, () => SmallNetworks.LossFromA(view, -1, input, target));
                SmallNetworks.Close(bias, graph.Node($"b{unit}").Gradient!.Value, $"b{unit}");
            }

            offset += dense.Weights.Length + dense.Bias.Length;
        }
    }

    /// <summary>The graph's parameter gradients are those the engine computes for the same sample.</summary>
    private static void CheckAgainstEngine(NetworkView view, ComputationGraph graph, Matrix<float> x, Matrix<float> y)
    {
        view.Model.Network.ComputeGradients(x, y);
        for (int layer = 0; layer < view.Layers.Count; layer++)
        {
            Dense<float> dense = view.Layers[layer];
            for (int k = 0; k < dense.Inputs; k++)
            {
                for (int j = 0; j < dense.Units; j++)
                {
                    Assert.Equal(dense.WeightGradients[(k * dense.Units) + j], graph.Node($"W{layer + 1}[{k + 1},{j + 1}]").Gradient!.Value, 1e-7);
                }
            }

            for (int j = 0; j < dense.Units; j++)
            {
                Assert.Equal(dense.BiasGradients[j], graph.Node($"b{layer + 1}[{j + 1}]").Gradient!.Value, 1e-7);
            }
        }
    }
}
