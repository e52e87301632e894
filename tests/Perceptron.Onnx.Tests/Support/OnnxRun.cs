using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Onnx.Tests.Support;

/// <summary>Runs exported models in ONNX Runtime and measures how far they are from our predictions.</summary>
internal static class OnnxRun
{
    /// <summary>Runs <paramref name="session"/> on the rows of <paramref name="features"/> in one batch.</summary>
    public static Matrix<float> Predict(InferenceSession session, Matrix<float> features)
    {
        var input = new DenseTensor<float>(features.Data.ToArray(), [features.Rows, features.Columns]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExporter.InputName, input)]);
        var output = results.Single().AsTensor<float>();
        Assert.Equal(2, output.Rank);
        Assert.Equal(features.Rows, output.Dimensions[0]);
        return new Matrix<float>(output.Dimensions[0], output.Dimensions[1], output.ToArray());
    }

    /// <summary>
    /// The largest |ONNX − ours| over all rows, run twice: every row in one batch, and the first rows one at a time
    /// (batch size 1), so the symbolic batch dimension is exercised both ways.
    /// </summary>
    public static double MaxDifference(byte[] onnx, Matrix<float> features, Matrix<float> expected, out string outputName, int singleRows = 5)
    {
        using var session = new InferenceSession(onnx);
        outputName = session.OutputMetadata.Keys.Single();
        Matrix<float> batch = Predict(session, features);
        Assert.Equal((expected.Rows, expected.Columns), (batch.Rows, batch.Columns));
        double worst = MaxDifference(batch, expected);
        for (int row = 0; row < Math.Min(singleRows, features.Rows); row++)
        {
            Matrix<float> one = Predict(session, features.SelectRows([row]));
            worst = Math.Max(worst, MaxDifference(one, expected.SelectRows([row])));
        }

        return worst;
    }

    /// <summary>max |a − b| over all elements; NaN in either side counts as infinitely far.</summary>
    public static double MaxDifference(Matrix<float> actual, Matrix<float> expected)
    {
        double worst = 0;
        for (int i = 0; i < expected.Data.Length; i++)
        {
            double difference = Math.Abs((double)actual.Data[i] - expected.Data[i]);
            worst = Math.Max(worst, double.IsNaN(difference) ? double.PositiveInfinity : difference);
        }

        return worst;
    }

    /// <summary>The exported bytes as an ONNX model, to inspect its graph.</summary>
    public static ModelProto Parse(byte[] onnx) => ModelProto.Parser.ParseFrom(onnx);

    /// <summary>Asserts ONNX Runtime on <paramref name="model"/>'s export computes what Sequential.Predict does on <paramref name="x"/>.</summary>
    public static void AssertMatchesPredict(Sequential<float> model, Matrix<float> x)
    {
        Matrix<float> expected = model.Predict(x);

        double difference = MaxDifference(model.ToOnnxBytes(), x, expected, out _);

        TestContext.Current.TestOutputHelper?.WriteLine($"max |ONNX − ours| = {difference:G3}");
        Assert.True(difference <= Tolerances.OnnxAbsolute, $"max |ONNX − ours| = {difference:G3} > {Tolerances.OnnxAbsolute:G3}");
    }
}
