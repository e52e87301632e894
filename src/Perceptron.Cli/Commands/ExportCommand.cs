using System.CommandLine;
using Perceptron.Data;
using Perceptron.Onnx;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Spectre.Console;

namespace Perceptron.Cli.Commands;

/// <summary><c>perceptron export MODEL --onnx OUT</c>: writes a saved model as ONNX, preprocessing included (docs/onnx.md).</summary>
internal static class ExportCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Argument<string>("MODEL") { Description = "A model file saved by 'perceptron train --out'." };
        var onnx = new Option<string>("--onnx")
        {
            Description = $"Write an ONNX file (IR {OnnxExporter.IrVersion}, opset {OnnxExporter.OpsetVersion}) that takes raw features and gives what 'predict' gives.",
            Required = true,
        };
        var command = new Command("export", "Export a saved model for other runtimes: ONNX, with the feature scaling folded into the graph.") { model, onnx };
        command.SetAction(parsed => Run(console, parsed.GetValue(model)!, parsed.GetValue(onnx)!));
        return command;
    }

    private static int Run(IAnsiConsole console, string modelPath, string onnxPath)
    {
        if (!File.Exists(modelPath))
        {
            throw new UserException($"'{modelPath}' does not exist; give a model file saved by 'perceptron train --out'.");
        }

        TabularModel file = ModelArgument.Load(modelPath);
        try
        {
            file.ExportOnnx(onnxPath);
        }
        catch (OnnxExportException exception)
        {
            throw new UserException($"{Path.GetFileName(modelPath)}: {exception.Message}", inner: exception);
        }

        string scaling = file.Scaler switch
        {
            StandardScaler => ", standardised in the graph",
            MinMaxScaler => ", min-max scaled in the graph",
            _ => "",
        };
        int categorical = file.Encoder?.Columns.Count ?? 0;
        int numeric = file.Pipeline.InputWidth - categorical;
        string missing = file.Imputer is null ? "" : ", missing values imputed";
        string input = categorical == 0
            ? $"'{OnnxExporter.InputName}' float[{OnnxExporter.BatchDimension}, {numeric}] raw features{missing}{scaling}"
            : $"{(numeric > 0 ? $"'{OnnxExporter.InputName}' float[{OnnxExporter.BatchDimension}, {numeric}] numeric features and " : "")}'{OnnxExporter.CategoriesInputName}' string[{OnnxExporter.BatchDimension}, {categorical}] category names (one-hot encoded){missing}{scaling}";
        string output = $"'{OnnxExporter.OutputNameFor(file)}' float[{OnnxExporter.BatchDimension}, {file.Network.Outputs}]";
        console.MarkupLineInterpolated($"Wrote [bold]{onnxPath}[/] (ONNX IR {OnnxExporter.IrVersion}, opset {OnnxExporter.OpsetVersion}, {new FileInfo(onnxPath).Length:N0} bytes): {input} → {output}");
        return CliApp.Ok;
    }
}
