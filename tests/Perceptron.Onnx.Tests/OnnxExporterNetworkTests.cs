using Onnx;
using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Onnx.Tests.Support;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Onnx.Tests;

/// <summary>The network's graph as a whole: its input and output, and what the exporter refuses.</summary>
public class OnnxExporterNetworkTests
{
    [Fact]
    public void ExportOnnx_BareNetwork_HasInputAndOutputWithSymbolicBatch()
    {
        ModelProto onnx = OnnxRun.Parse(Networks.Build(Activation.Relu, Activation.Softmax, inputs: 6, outputs: 4).ToOnnxBytes());

        ValueInfoProto input = Assert.Single(onnx.Graph.Input);
        ValueInfoProto output = Assert.Single(onnx.Graph.Output);
        Assert.Equal((OnnxExporter.InputName, OnnxExporter.OutputName), (input.Name, output.Name));
        foreach (var (info, width) in new[] { (input, 6L), (output, 4L) })
        {
            Assert.Equal((int)TensorProto.Types.DataType.Float, info.Type.TensorType.ElemType);
            var dims = info.Type.TensorType.Shape.Dim;
            Assert.Equal(2, dims.Count);
            Assert.Equal(OnnxExporter.BatchDimension, dims[0].DimParam);
            Assert.Equal(width, dims[1].DimValue);
        }

        Assert.Equal(OnnxExporter.IrVersion, onnx.IrVersion);
        Assert.Equal(OnnxExporter.OpsetVersion, Assert.Single(onnx.OpsetImport, o => o.Domain == "").Version);
    }

    [Fact]
    public void ExportOnnx_UnbuiltModel_ThrowsSayingToBuild()
    {
        var model = new Sequential<float>(new Dense<float>(3));

        var error = Assert.Throws<OnnxExportException>(() => model.ToOnnxBytes());

        Assert.Contains("not built", error.Message, StringComparison.Ordinal);
        Assert.Contains("Build(inputs)", error.Message, StringComparison.Ordinal);
    }
}
