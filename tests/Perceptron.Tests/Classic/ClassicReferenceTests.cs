using System.Text.Json;
using Perceptron.Classic;
using Perceptron.Tests.Support;

namespace Perceptron.Tests.Classic;

/// <summary>
/// Replays Fixtures/classic_reference.json, written by an independent NumPy rendering of the original
/// algorithm (Fixtures/classic_reference.py), through <see cref="MultilayerPerceptron.Train"/>.
/// </summary>
public class ClassicReferenceTests
{
    private static readonly JsonElement[] Cases = LoadCases();

    public static TheoryData<int> CaseIndices => new(Enumerable.Range(0, Cases.Length));

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Train_FromSameWeights_MatchesNumPyReference(int index)
    {
        JsonElement fixture = Cases[index];
        int[] layers = fixture.GetProperty("layers").Deserialize<int[]>()!;
        bool useBiases = fixture.GetProperty("useBiases").GetBoolean();
        var mlp = new MultilayerPerceptron(layers[0], layers[1..^1], layers[^1], useBiases, seed: 0);
        SetParameters(mlp, fixture.GetProperty("initial"));

        double[] errors = mlp.Train(
            fixture.GetProperty("inputs").Deserialize<double[][]>()!,
            fixture.GetProperty("targets").Deserialize<double[][]>()!,
            fixture.GetProperty("epochs").GetInt32(),
            fixture.GetProperty("learningRate").GetDouble());

        string name = fixture.GetProperty("name").GetString()!;
        AssertClose.Values(fixture.GetProperty("errors").Deserialize<double[]>()!, errors, Tolerances.SameAlgorithmFloat64, what: name + " errors");
        JsonElement final = fixture.GetProperty("final");
        double[][][] weights = final.GetProperty("weights").Deserialize<double[][][]>()!;
        double[][] biases = final.GetProperty("biases").Deserialize<double[][]>()!;
        for (int i = 0; i < weights.Length; i++)
        {
            AssertClose.Values(weights[i].SelectMany(row => row).ToArray(), AssertClose.Flatten(mlp.Weights[i]), Tolerances.SameAlgorithmFloat64, what: $"{name} W[{i}]");
            AssertClose.Values(biases[i], mlp.Biases[i], Tolerances.SameAlgorithmFloat64, what: $"{name} b[{i}]");
        }
    }

    private static void SetParameters(MultilayerPerceptron mlp, JsonElement parameters)
    {
        double[][][] weights = parameters.GetProperty("weights").Deserialize<double[][][]>()!;
        double[][] biases = parameters.GetProperty("biases").Deserialize<double[][]>()!;
        for (int i = 0; i < weights.Length; i++)
        {
            for (int k = 0; k < weights[i].Length; k++)
            {
                for (int j = 0; j < weights[i][k].Length; j++)
                {
                    mlp.Weights[i][k, j] = weights[i][k][j];
                }
            }

            // With biases off the network ignores them; copying keeps both cases on one path.
            biases[i].CopyTo(mlp.Biases[i], 0);
        }
    }

    private static JsonElement[] LoadCases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestFiles.Fixture("classic_reference.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    }
}
