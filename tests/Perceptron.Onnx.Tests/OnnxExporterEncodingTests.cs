using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using Perceptron.Data;
using Perceptron.Onnx.Tests.Support;
using Perceptron.Tabular;
using Perceptron.Tensors;

namespace Perceptron.Onnx.Tests;

/// <summary>Imputation and one-hot encoding in the graph: ONNX Runtime, fed raw rows with missing cells and categories the
/// model never saw, agrees with <see cref="TabularModel.Predict(Matrix{float})"/>.</summary>
public class OnnxExporterEncodingTests
{
    /// <summary>city, plan, age, spend → churned: categories and missing cells in three of the four features.</summary>
    private static readonly string[] Header = ["city", "plan", "age", "spend"];

    /// <summary>Rows as a user would hold them: text, missing cells (empty, NA, null) and unseen categories (Marseille, gold).</summary>
    private static readonly string?[][] Rows =
    [
        ["Paris", "basic", "30", "50"],
        ["Marseille", "pro", "", "150"],
        ["", "gold", "44", "80"],
        ["NA", "pro", "NA", "120.5"],
        ["Lille", "basic", "71", "10"],
        [null, null, null, "99"],
        ["Lyon", "pro", "18", "199.99"],
    ];

    public static TheoryData<int, bool> Settings => new() { { 50, false }, { 2, true }, { 3, false } };

    [Theory]
    [MemberData(nameof(Settings))]
    public void ExportOnnx_CategoriesAndMissingCells_AgreeWithPredict(int maxCategories, bool indicators)
    {
        TabularModel model = Train("categorical-missing.csv", maxCategories, indicators);
        float[][] raw = [.. Rows.Select(row => model.Pipeline.Parse(Header.Select((name, c) => (name, row[c])).ToDictionary(p => p.name, p => p.Item2), out _))];
        Matrix<float> expected = model.Predict(Matrix<float>.FromRows(raw));

        using var session = new InferenceSession(model.ToOnnxBytes());
        Matrix<float> actual = Run(session, Rows, numeric: [2, 3], categorical: [0, 1]);
        Matrix<float> single = Run(session, Rows[1..2], numeric: [2, 3], categorical: [0, 1]);

        double difference = Math.Max(OnnxRun.MaxDifference(actual, expected), OnnxRun.MaxDifference(single, expected.SelectRows([1])));
        Assert.True(difference <= Tolerances.OnnxAbsolute, $"max |ONNX − ours| = {difference:G3}");
    }

    [Fact]
    public void ExportOnnx_NumbersWithMissingCells_ImputeInTheGraph()
    {
        TabularModel model = Train("sparse-missing.csv", 50, indicators: true);
        var raw = new Matrix<float>(new float[,] { { 0.5f, float.NaN, float.NaN, -1f }, { float.NaN, 1f, 0.25f, float.NaN }, { 1, 2, 3, 4 } });

        double difference = OnnxRun.MaxDifference(model.ToOnnxBytes(), raw, model.Predict(raw), out _);

        Assert.True(difference <= Tolerances.OnnxAbsolute, $"max |ONNX − ours| = {difference:G3}");
        Assert.Equal(["IsNaN", "Where"], ModelProto.Parser.ParseFrom(model.ToOnnxBytes()).Graph.Node.Take(2).Select(n => n.OpType));
    }

    [Fact]
    public void ExportOnnx_Categories_TakeAStringInputAndImportTheMlDomain()
    {
        TabularModel model = Train("categorical-missing.csv", 50, indicators: false);

        ModelProto onnx = ModelProto.Parser.ParseFrom(model.ToOnnxBytes());

        Assert.Equal([(OnnxExporter.InputName, (int)TensorProto.Types.DataType.Float, 2L), (OnnxExporter.CategoriesInputName, (int)TensorProto.Types.DataType.String, 2L)],
            onnx.Graph.Input.Select(i => (i.Name, i.Type.TensorType.ElemType, i.Type.TensorType.Shape.Dim[1].DimValue)));
        Assert.Contains(onnx.OpsetImport, o => o.Domain == OnnxExporter.MlDomain && o.Version == OnnxExporter.MlOpsetVersion);
        Assert.Equal(2, onnx.Graph.Node.Count(n => n.OpType == "LabelEncoder" && n.Domain == OnnxExporter.MlDomain));
        Assert.Contains(onnx.MetadataProps, p => p.Key == "categorical_features" && p.Value == "[\"city\",\"plan\"]");
    }

    private static TabularModel Train(string file, int maxCategories, bool indicators) =>
        TabularTrainer.Train(CsvLoader.Load(RealData.DataFile(file)), new TabularOptions
        {
            Layers = [8],
            Epochs = 3,
            Seed = 11,
            MaxCategories = maxCategories,
            MissingIndicators = indicators,
        }).Model;

    /// <summary>Feeds the numeric cells (NaN when missing) to "input" and the category texts ("" when missing) to "categories".</summary>
    private static Matrix<float> Run(InferenceSession session, string?[][] rows, int[] numeric, int[] categorical)
    {
        float[] numbers = [.. rows.SelectMany(row => numeric.Select(c => float.TryParse(row[c], NumberStyles.Float, CultureInfo.InvariantCulture, out float v) ? v : float.NaN))];
        string[] texts = [.. rows.SelectMany(row => categorical.Select(c => row[c] ?? ""))];
        using var results = session.Run(
        [
            NamedOnnxValue.CreateFromTensor(OnnxExporter.InputName, new DenseTensor<float>(numbers, [rows.Length, numeric.Length])),
            NamedOnnxValue.CreateFromTensor(OnnxExporter.CategoriesInputName, new DenseTensor<string>(texts, [rows.Length, categorical.Length])),
        ]);
        var output = results.Single().AsTensor<float>();
        return new Matrix<float>((int)output.Dimensions[0], (int)output.Dimensions[1], output.ToArray());
    }
}
