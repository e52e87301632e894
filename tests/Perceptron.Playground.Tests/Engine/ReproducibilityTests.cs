using System.Globalization;
using System.Text;
using Perceptron.Data;
using Perceptron.Playground.Data;
using Perceptron.Playground.Sessions;
using Perceptron.Playground.Tests.Support;
using Perceptron.Tabular;

namespace Perceptron.Playground.Tests.Engine;

/// <summary>A playground run is the run 'perceptron train' makes from the same rows, seed and options: same weights, bit for bit.</summary>
public class ReproducibilityTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    public static TheoryData<string, string, string, string> Setups => new()
    {
        // data, problem, extra feature, penalty: classification with derived features, dropout and L2; regression (a
        // standardised target) with L1.
        { "circles", "classification", "x1_squared", "l2" },
        { "plane", "regression", "sin_x1", "l1" },
    };

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task PlaygroundRun_EqualsPerceptronTrain_BitForBit(string dataName, string problem, string extraFeature, string penalty)
    {
        var setup = new PlaygroundSetup
        {
            Data = dataName,
            Problem = problem,
            Features = ["x1", "x2", extraFeature],
            Noise = 10,
            Layers = [5, 3],
            Activation = "tanh",
            Optimizer = "adam",
            LearningRate = 0.01,
            BatchSize = 16,
            Dropout = 0.1,
            Regularization = penalty,
            RegularizationRate = 0.001,
            Seed = 7,
            Epochs = 4,
        };
        var api = new PlaygroundApi(server.Http);
        string id = (string)(await api.CreateAsync(setup))["id"]!;
        await api.PostAsync(id, "play");
        await api.WaitForStateAsync(id, "finished");
        using var folder = new TempFolder();
        await File.WriteAllBytesAsync(folder.File("playground.json"), await api.DownloadAsync(id));

        // The same rows as a CSV, trained by the command line with the same options.
        TabularDataset train = SessionData.FromPlane(setup).Train;
        WriteCsv(folder.File("train.csv"), train);
        var (exitCode, _, error) = CliRunner.Run("train", folder.File("train.csv"), "--test-split", "0", "--scaling", "none", "--layers", "5,3",
            "--activation", "tanh", "--optimizer", "adam", "--learning-rate", "0.01", "--batch-size", "16", "--dropout", "0.1", penalty == "l1" ? "--l2" : "--l1", "0", $"--{penalty}", "0.001",
            "--seed", "7", "--epochs", "4", "--quiet", "--out", folder.File("cli.json"));
        Assert.True(exitCode == 0, error);

        float[] playground = TabularModel.Load(folder.File("playground.json")).Network.Parameters.ToArray();
        float[] cli = TabularModel.Load(folder.File("cli.json")).Network.Parameters.ToArray();
        Assert.Equal(cli.Length, playground.Length);
        for (int i = 0; i < cli.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(cli[i]) == BitConverter.SingleToInt32Bits(playground[i]), $"parameter {i}: cli {cli[i]:R}, playground {playground[i]:R}");
        }
    }

    private static void WriteCsv(string path, TabularDataset data)
    {
        var text = new StringBuilder(string.Join(',', data.FeatureNames.Append("label"))).Append('\n');
        for (int row = 0; row < data.Rows; row++)
        {
            for (int f = 0; f < data.FeatureNames.Count; f++)
            {
                text.Append(data.Features[row, f].ToString("R", CultureInfo.InvariantCulture)).Append(',');
            }

            text.Append(data.Task == TaskKind.Classification ? data.ClassNames![data.Labels![row]] : data.Targets![row].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }
}
