using Perceptron.Data;
using Perceptron.Onnx.Tests.Support;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Tensors;

namespace Perceptron.Onnx.Tests;

/// <summary>Models trained on the real data sets, exported, run in ONNX Runtime on held-out raw rows, and compared with TabularModel.Predict.</summary>
public class OnnxExporterDatasetTests
{
    public static TheoryData<string, string> DatasetsAndScalings()
    {
        var data = new TheoryData<string, string>();
        foreach (string name in RealData.Names)
        {
            foreach (string scaling in new[] { "standard", "minmax", "none" })
            {
                data.Add(name, scaling);
            }
        }

        return data;
    }

    public static TheoryData<string, string> DatasetsAndActivations()
    {
        var data = new TheoryData<string, string>();
        foreach (string name in RealData.Names)
        {
            foreach (string activation in new[] { "linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu" })
            {
                data.Add(name, activation);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DatasetsAndScalings))]
    public void ExportOnnx_EachScaling_MatchesPredictOnHeldOutRows(string dataset, string scaling)
    {
        TabularModel model = RealData.Train(dataset, scaling: scaling);

        AssertMatches(model, RealData.Split(dataset).Test);
    }

    [Theory]
    [MemberData(nameof(DatasetsAndActivations))]
    public void ExportOnnx_EachHiddenActivation_MatchesPredictOnHeldOutRows(string dataset, string activation)
    {
        TabularModel model = RealData.Train(dataset, activation: activation);

        AssertMatches(model, RealData.Split(dataset).Test);
    }

    private static void AssertMatches(TabularModel model, TabularDataset heldOut)
    {
        Matrix<float> raw = model.AlignFeatures(heldOut);
        Matrix<float> expected = model.Predict(raw);

        double difference = OnnxRun.MaxDifference(model.ToOnnxBytes(), raw, expected, out string outputName);

        Assert.Equal(OnnxExporter.OutputNameFor(model), outputName);
        // Regression values are in the target's units (diabetes: 25..346, where one float32 ulp is up to 3e-5), so the
        // bound applies in the standardised units the network predicts: |Δy| / std. Probabilities are compared as they are.
        double unit = model.TargetScaler?.StandardDeviations[0] ?? 1;
        TestContext.Current.TestOutputHelper?.WriteLine($"max |ONNX − ours| = {difference:G3} ({difference / unit:G3} in network units) over {heldOut.Rows} rows");
        Assert.True(difference / unit <= Tolerances.OnnxAbsolute, $"max |ONNX − ours| = {difference:G3}, {difference / unit:G3} in network units > {Tolerances.OnnxAbsolute:G3}");
    }
}
