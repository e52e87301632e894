// A Perceptron model served by ONNX Runtime: train on iris (or take your own .onnx file), export it with its
// scaling folded into the graph, load it in ONNX Runtime and predict raw rows. See docs/onnx.md.
//
//   dotnet run --project samples/OnnxInference -c Release                 (trains and exports iris.onnx)
//   dotnet run --project samples/OnnxInference -c Release -- model.onnx   (from 'perceptron export MODEL --onnx model.onnx')

using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Perceptron.Data;
using Perceptron.Onnx;
using Perceptron.Tabular;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
TabularDataset iris = BuiltInDatasets.Load("iris");

// 1. An ONNX file: the one given, or a small iris classifier trained and exported here.
string path = args.Length > 0 ? args[0] : "iris.onnx";
if (args.Length == 0)
{
    var trained = TabularTrainer.Train(iris, new TabularOptions { Layers = [16], Epochs = 60, Seed = 1 });
    trained.Model.ExportOnnx(path);
    Console.WriteLine($"Exported {path} (ONNX IR {OnnxExporter.IrVersion}, opset {OnnxExporter.OpsetVersion}).");
}

// 2. Load it: one input float[batch, features], one output; names and classes are in the metadata.
using var session = new InferenceSession(path);
string inputName = session.InputMetadata.Keys.Single();
string outputName = session.OutputMetadata.Keys.Single();
int features = session.InputMetadata[inputName].Dimensions[1];
Dictionary<string, string> metadata = session.ModelMetadata.CustomMetadataMap;
string[] classes = metadata.TryGetValue("class_names", out string? json) ? JsonSerializer.Deserialize<string[]>(json)! : [];
Console.WriteLine($"{inputName}: float[batch, {features}] → {outputName}; task {metadata.GetValueOrDefault("task", "?")}");

// 3. Raw rows in, no scaling by hand: the graph standardises them. Here five iris flowers (or zeros for another model).
int rows = 5;
var input = new DenseTensor<float>([rows, features]);
for (int row = 0; row < rows; row++)
{
    for (int column = 0; column < features; column++)
    {
        input[row, column] = features == iris.Features.Columns ? iris.Features[row * 30, column] : 0f;
    }
}

using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, input)]);
Tensor<float> output = results[0].AsTensor<float>();

// 4. Report: the most probable class and its probability, or the predicted value.
for (int row = 0; row < rows; row++)
{
    float[] values = [.. Enumerable.Range(0, output.Dimensions[1]).Select(k => output[row, k])];
    int best = Array.IndexOf(values, values.Max());
    string answer = classes.Length == values.Length ? $"{classes[best]} (p = {values[best]:0.000})" : string.Join(", ", values.Select(v => v.ToString("G6")));
    Console.WriteLine($"row {row + 1}: [{string.Join(", ", Enumerable.Range(0, features).Select(c => input[row, c]))}] → {answer}");
}
