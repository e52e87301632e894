using System.Text.Json.Nodes;
using Perceptron.Losses;
using Perceptron.Playground.Data;
using Perceptron.Playground.Sessions;
using Perceptron.Playground.Tests.Support;
using Perceptron.Tabular;

namespace Perceptron.Playground.Tests.Engine;

/// <summary>The inspector's numbers for a unit and a sample are the engine's: its outputs, its gradients and its last step.</summary>
public class InspectionTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>The inspector sums h in double, the engine's GEMM in float: they agree to float32 rounding.</summary>
    private const double Tolerance = 1e-5;

    public static TheoryData<int, int, string, int, string> Units => new()
    {
        { 1, 2, "test", 5, "l2" },    // first hidden layer
        { 2, 0, "train", 17, "l2" },  // second hidden layer
        { 3, 1, "train", 3, "l2" },   // output (softmax fused with cross-entropy)
        { 1, 0, "train", 2, "l1" },   // the L1 penalty's λ·sign(w) in the weight gradients
    };

    [Theory]
    [MemberData(nameof(Units))]
    public async Task UnitNumbers_EqualTheEngines(int layer, int unit, string set, int sample, string regularization)
    {
        var setup = new PlaygroundSetup { Data = "xor", Noise = 20, Layers = [4, 3], Activation = "tanh", Optimizer = "momentum", LearningRate = 0.05, Regularization = regularization, RegularizationRate = 0.01, Seed = 11 };
        var api = new PlaygroundApi(server.Http);
        string id = (string)(await api.CreateAsync(setup))["id"]!;
        await api.PostAsync(id, "step?count=6");
        await api.WaitForStepAsync(id, 6);
        var before = ModelFromBytes(await api.DownloadAsync(id));
        await api.PostAsync(id, "step");
        await api.WaitForStepAsync(id, 7);
        var after = ModelFromBytes(await api.DownloadAsync(id));
        JsonNode shown = await api.InspectAsync(id, layer, unit, set, sample);
        JsonNode numbers = shown["numbers"]!;

        var data = SessionData.FromPlane(setup);
        var rows = set == "train" ? data.Train : data.Test;
        float[] x = rows.Features.Row(sample).ToArray();
        float[] y = [rows.Labels![sample]];
        var model = after.Network;

        Close(EngineReference.LayerOutput(model, x, layer, preActivation: true)[unit], (double)numbers["h"]!, "h");
        Close(EngineReference.LayerOutput(model, x, layer, preActivation: false)[unit], (double)numbers["a"]!, "a");
        var (weightGradients, biasGradients, loss) = EngineReference.Gradients(model, x, y, new SparseCategoricalCrossEntropy());
        Close(biasGradients[layer - 1][unit], (double)numbers["delta"]!, "δ (= ∂L/∂b for one sample)");
        Close(biasGradients[layer - 1][unit], (double)numbers["bias"]!["gradient"]!, "∂L/∂b");

        var dense = model.Layers.OfType<Layers.Dense<float>>().ToList();
        var oldDense = before.Network.Layers.OfType<Layers.Dense<float>>().ToList();
        int units = dense[layer - 1].Units;
        JsonArray weights = numbers["weights"]!.AsArray();
        Assert.Equal(dense[layer - 1].Inputs, weights.Count);
        for (int i = 0; i < weights.Count; i++)
        {
            int index = i * units + unit;
            Assert.Equal(dense[layer - 1].Weights[index], (float)(double)weights[i]!["value"]!);
            Close(weightGradients[layer - 1][index], (double)weights[i]!["gradient"]!, $"∂L/∂w[{i}]");
            Assert.Equal(dense[layer - 1].Weights[index] - oldDense[layer - 1].Weights[index], (float)(double)weights[i]!["lastUpdate"]!);
        }

        Assert.Equal(dense[layer - 1].Bias[unit] - oldDense[layer - 1].Bias[unit], (float)(double)numbers["bias"]!["lastUpdate"]!);
        // The engine's loss adds the L1 and L2 penalties of the whole network; the inspector shows the sample's data loss.
        double penalty = dense.Sum(d => d.L2 * d.Weights.ToArray().Sum(w => (double)w * w) + d.L1 * d.Weights.ToArray().Sum(w => Math.Abs((double)w)));
        Close(loss - penalty, (double)numbers["loss"]!, "loss", 1e-4);
    }

    private static TabularModel ModelFromBytes(byte[] bytes)
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("m.json"), bytes);
        return TabularModel.Load(folder.File("m.json"));
    }

    private static void Close(double expected, double actual, string what, double tolerance = Tolerance)
    {
        double scale = Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale, $"{what}: engine {expected:R}, inspector {actual:R}");
    }
}
