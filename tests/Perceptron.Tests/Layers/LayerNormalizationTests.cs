using System.Text.Json;
using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Tensors;
using Perceptron.Tests.Support;
using Perceptron.Training;

namespace Perceptron.Tests.Layers;

/// <summary>LayerNormalization, the layer added as one file to prove the layer set is open: math, files, checkpoints.</summary>
public sealed class LayerNormalizationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("perceptron-layernorm-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Forward output and the x, γ and β gradients agree with torch.nn.LayerNorm on the same numbers (Fixtures/layer_norm_reference.py).</summary>
    [Fact]
    public void ForwardAndBackward_MatchPyTorch()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(TestFiles.Fixture("layer_norm_reference.json")));
        var root = json.RootElement;
        float[] Floats(string name) => [.. root.GetProperty(name).EnumerateArray().Select(v => v.GetSingle())];
        int rows = root.GetProperty("rows").GetInt32(), columns = root.GetProperty("columns").GetInt32();

        var layer = new LayerNormalization<float>(root.GetProperty("epsilon").GetDouble());
        layer.Build(columns);
        var (parameters, gradients) = (new float[2 * columns], new float[2 * columns]);
        layer.Bind(parameters, gradients);
        Floats("gamma").CopyTo(layer.Gamma);
        Floats("beta").CopyTo(layer.Beta);
        layer.PrepareTraining(rows);

        float[] x = Floats("x"), y = new float[rows * columns], dY = Floats("dy"), dX = new float[rows * columns];
        layer.Forward(x, y, rows, training: true);
        layer.Backward(x, y, dY, dX, rows);

        AssertClose.Values([.. Floats("y").Select(v => (double)v)], [.. y.Select(v => (double)v)], Tolerances.TorchFloat32Absolute, Tolerances.TorchFloat32Relative, "y");
        AssertClose.Values([.. Floats("dx").Select(v => (double)v)], [.. dX.Select(v => (double)v)], Tolerances.TorchFloat32Absolute, Tolerances.TorchFloat32Relative, "dx");
        AssertClose.Values([.. Floats("dgamma").Concat(Floats("dbeta")).Select(v => (double)v)], [.. gradients.Select(v => (double)v)], Tolerances.TorchFloat32Absolute, Tolerances.TorchFloat32Relative, "dγ, dβ");
    }

    /// <summary>Between two dense layers, so the input gradient reaches the first layer's weights: every parameter's gradient agrees with central differences in float64.</summary>
    [Fact]
    public void Backward_MatchesFiniteDifferences()
    {
        var random = new Random(5);
        var model = new Sequential<double>(new Dense<double>(5, Activation.Tanh, inputs: 4), new LayerNormalization<double>(), new Dense<double>(3)) { Seed = 2 };
        model.Compile(new Sgd(), new MeanSquaredError());
        model.Build(4);
        var norm = (LayerNormalization<double>)model.Layers[1];
        for (int i = 0; i < 5; i++)
        {
            // Away from γ = 1, β = 0, so the check sees their effect on the input gradient too.
            (norm.Gamma[i], norm.Beta[i]) = (0.5 + random.NextDouble(), random.NextDouble() - 0.5);
        }

        var x = new Matrix<double>(6, 4, [.. Enumerable.Range(0, 24).Select(_ => random.NextDouble() * 4 - 2)]);
        var y = new Matrix<double>(6, 3, [.. Enumerable.Range(0, 18).Select(_ => random.NextDouble())]);
        FiniteDifferences.AssertGradientsMatch(model, x, y);
    }

    [Fact]
    public void Build_StartsAsAPlainNormalization_AndDrawsNothing()
    {
        var model = new Sequential(new Dense(4, inputs: 3), new LayerNormalization()) { Seed = 1 };
        var plain = new Sequential(new Dense(4, inputs: 3)) { Seed = 1 };
        model.Build(3);
        plain.Build(3);

        var norm = (LayerNormalization)model.Layers[1];
        Assert.All(norm.Gamma.ToArray(), g => Assert.Equal(1f, g));
        Assert.All(norm.Beta.ToArray(), b => Assert.Equal(0f, b));
        Assert.Equal(plain.Parameters.ToArray(), model.Parameters[..plain.ParameterCount].ToArray());

        Matrix<float> output = model.Predict(new Matrix<float>(2, 3, [1, 2, 3, -4, 0, 9]));
        for (int row = 0; row < 2; row++)
        {
            Assert.Equal(0, output.Row(row).ToArray().Average(), 5);
        }
    }

    /// <summary>Save → load gives the same predictions bit for bit, and the layer comes back as the same kind with its ε.</summary>
    [Fact]
    public void SaveLoad_GivesIdenticalPredictions()
    {
        var (x, y) = Data();
        var network = Create();
        network.Fit(x, y, new TrainingOptions { Epochs = 3, BatchSize = 16 });
        string path = Path.Combine(_folder, "model.json");

        new TabularModel(network).Save(path);
        TabularModel loaded = TabularModel.Load(path);

        var layer = Assert.IsType<LayerNormalization<float>>(loaded.Network.Layers[1]);
        Assert.Equal(1e-3, layer.Epsilon);
        Assert.Equal(network.Predict(x).Data, loaded.Predict(x).Data);
        Assert.Contains("\"kind\": \"layer_normalization\"", File.ReadAllText(path), StringComparison.Ordinal);
    }

    /// <summary>A run interrupted after a checkpoint and resumed in a fresh model ends with the same weights as one that ran through.</summary>
    [Fact]
    public void Resume_FromCheckpoint_GivesBitIdenticalWeights()
    {
        var (x, y) = Data();
        var options = new TrainingOptions { Epochs = 4, BatchSize = 16 };
        var whole = Create();
        whole.Fit(x, y, options);

        string directory = Path.Combine(_folder, "run");
        Create().Fit(x, y, options with { Epochs = 2, Callbacks = [new Checkpoint(directory)] });
        var checkpoint = TrainingCheckpoint.Load(directory);
        var resumed = Create();
        checkpoint.Restore(resumed);
        resumed.Fit(x, y, options with { InitialEpoch = checkpoint.Epoch });

        Assert.Equal(2, checkpoint.Epoch);
        Assert.Equal(whole.Parameters.ToArray(), resumed.Parameters.ToArray());
    }

    private static Sequential Create()
    {
        var model = new Sequential(new Dense(8, Activation.Relu, inputs: 3), new LayerNormalization(epsilon: 1e-3), new Dense(2)) { Seed = 4 };
        model.Compile(new Adam(0.01), new MeanSquaredError());
        return model;
    }

    private static (Matrix<float> X, Matrix<float> Y) Data()
    {
        var random = new Random(8);
        var x = new Matrix<float>(48, 3, [.. Enumerable.Range(0, 144).Select(_ => (float)(random.NextDouble() * 2))]);
        var y = new Matrix<float>(48, 2);
        for (int row = 0; row < 48; row++)
        {
            (y[row, 0], y[row, 1]) = (x[row, 0] + x[row, 1], x[row, 1] * x[row, 2]);
        }

        return (x, y);
    }
}
