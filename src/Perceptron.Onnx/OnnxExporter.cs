using System.Reflection;
using Google.Protobuf;
using Onnx;
using Perceptron.Data;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Training;

namespace Perceptron.Onnx;

/// <summary>Writes trained models as ONNX files that ONNX Runtime (and any other ONNX consumer) can run.</summary>
/// <remarks>
/// <para>
/// The file is ONNX IR version 8 with the default operator set at version 17 (the pair ONNX 1.12 introduced; ONNX Runtime
/// 1.12 and later run it). The graph takes one input <c>"input"</c> of type <c>float[batch, features]</c>, where
/// <c>batch</c> is a symbolic dimension, so any number of rows can be fed at once.
/// </para>
/// <para>
/// For a <see cref="TabularModel"/> the graph reproduces <see cref="TabularModel.Predict(Tensors.Matrix{float})"/> from raw features: missing
/// numbers (NaN) are imputed with <c>IsNaN</c>/<c>Where</c>; categorical features come as text in a second input
/// <c>"categories"</c> (<c>string[batch, categorical features]</c>, <c>"input"</c> then holds the numeric ones) and become
/// one-hot columns through the <c>ai.onnx.ml</c> <c>LabelEncoder</c> (operator set 2) and <c>OneHot</c>; the saved scaler
/// becomes <c>Sub</c>/<c>Div</c> nodes; each <c>Dense</c> layer a <c>Gemm</c> (weights and bias as initializers)
/// followed by its activation (<c>Relu</c>, <c>Sigmoid</c>, <c>Tanh</c>, <c>Softmax</c> on the last axis,
/// <c>LeakyRelu</c> α = 0.01, <c>Elu</c> α = 1, and GELU's tanh approximation spelled out in <c>Mul</c>, <c>Add</c> and
/// <c>Tanh</c> nodes, since the <c>Gelu</c> operator needs opset 20); <c>Dropout</c> layers are left out (they are the
/// identity at inference); and a regression target scaler becomes trailing <c>Mul</c>/<c>Add</c> nodes. The output is
/// <c>"probabilities"</c> (<c>float[batch, classes]</c>) for classification and <c>"value"</c> (<c>float[batch, 1]</c>)
/// for regression. Feature, class and target names, the task and the training facts go into the model's metadata
/// properties. A bare <see cref="Sequential{T}"/> exports the network alone, with output <c>"output"</c>.
/// </para>
/// <para>The bytes depend only on the model: exporting twice gives identical files.</para>
/// </remarks>
/// <example><code>
/// TabularModel model = TabularModel.Load("iris.model.json");
/// model.ExportOnnx("iris.onnx");
/// </code></example>
/// <seealso href="https://onnx.ai/onnx/repo-docs/Versioning.html"/>
public static partial class OnnxExporter
{
    /// <summary>The ONNX IR (file format) version written: 8.</summary>
    public const int IrVersion = 8;

    /// <summary>The version of the default ONNX operator set (domain "ai.onnx") the graph uses: 17.</summary>
    public const int OpsetVersion = 17;

    /// <summary>The graph input's name; its type is <c>float[batch, features]</c>.</summary>
    public const string InputName = "input";

    /// <summary>The symbolic name of the first (row) dimension of the input and output.</summary>
    public const string BatchDimension = "batch";

    /// <summary>The output's name for a classifier: one probability per class and row.</summary>
    public const string ProbabilitiesName = "probabilities";

    /// <summary>The output's name for regression: the predicted value of each row, in the target's units.</summary>
    public const string ValueName = "value";

    /// <summary>The output's name for a bare network, or a model file without a task.</summary>
    public const string OutputName = "output";

    /// <summary>Writes <paramref name="model"/> as an ONNX file, atomically (temporary file, then rename).</summary>
    /// <param name="model">A trained model with its preprocessing.</param>
    /// <param name="path">The .onnx file to create or replace.</param>
    /// <exception cref="OnnxExportException">Part of the model has no ONNX equivalent; the message names it and why.</exception>
    /// <exception cref="IOException">The folder does not exist or cannot be written.</exception>
    public static void ExportOnnx(this TabularModel model, string path)
    {
        byte[] bytes = model.ToOnnxBytes();
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes <paramref name="model"/> as ONNX to a stream.</summary>
    /// <param name="model">A trained model with its preprocessing.</param>
    /// <param name="destination">A writable stream; left open.</param>
    /// <exception cref="OnnxExportException">Part of the model has no ONNX equivalent; the message names it and why.</exception>
    public static void ExportOnnx(this TabularModel model, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(model.ToOnnxBytes());
    }

    /// <summary>The ONNX file for <paramref name="model"/>, as bytes.</summary>
    /// <param name="model">A trained model with its preprocessing.</param>
    /// <returns>A serialized ONNX <c>ModelProto</c>.</returns>
    /// <exception cref="OnnxExportException">Part of the model has no ONNX equivalent; the message names it and why.</exception>
    public static byte[] ToOnnxBytes(this TabularModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return BuildModel(model.Network, model).ToByteArray();
    }

    /// <summary>Writes a bare network (no preprocessing) as an ONNX file, atomically; its output is named <c>"output"</c>.</summary>
    /// <param name="model">A built network.</param>
    /// <param name="path">The .onnx file to create or replace.</param>
    /// <exception cref="OnnxExportException">The network is not built, or a layer has no ONNX equivalent.</exception>
    /// <exception cref="IOException">The folder does not exist or cannot be written.</exception>
    public static void ExportOnnx(this Sequential<float> model, string path)
    {
        byte[] bytes = model.ToOnnxBytes();
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes a bare network (no preprocessing) as ONNX to a stream.</summary>
    /// <param name="model">A built network.</param>
    /// <param name="destination">A writable stream; left open.</param>
    /// <exception cref="OnnxExportException">The network is not built, or a layer has no ONNX equivalent.</exception>
    public static void ExportOnnx(this Sequential<float> model, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(model.ToOnnxBytes());
    }

    /// <summary>The ONNX file for a bare network (no preprocessing), as bytes.</summary>
    /// <param name="model">A built network.</param>
    /// <returns>A serialized ONNX <c>ModelProto</c>.</returns>
    /// <exception cref="OnnxExportException">The network is not built, or a layer has no ONNX equivalent.</exception>
    public static byte[] ToOnnxBytes(this Sequential<float> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return BuildModel(model, file: null).ToByteArray();
    }

    /// <summary>The graph's output name for a model: see <see cref="ProbabilitiesName"/>, <see cref="ValueName"/>, <see cref="OutputName"/>.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The name of the exported graph's only output.</returns>
    public static string OutputNameFor(TabularModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Task switch
        {
            TaskKind.Classification => ProbabilitiesName,
            TaskKind.Regression => ValueName,
            _ => OutputName,
        };
    }

    /// <summary>The whole ONNX model: preprocessing, network, target un-scaling, names and metadata.</summary>
    private static ModelProto BuildModel(Sequential<float> network, TabularModel? file)
    {
        if (!network.IsBuilt)
        {
            throw new OnnxExportException(null, "the model is not built, so its input width and weights are unknown; train it, or call Build(inputs), before exporting.");
        }

        // With categorical features the inputs are the numeric ones and the category texts; otherwise one float input.
        var graph = file?.Encoder is null ? new OnnxGraph("perceptron", InputName, file?.Imputer?.InputWidth ?? network.Inputs) : new OnnxGraph("perceptron");
        if (file is not null && (file.Imputer is not null || file.Encoder is not null))
        {
            AddImputationAndEncoding(graph, file);
        }

        if (file?.Scaler is IFeatureScaler scaler)
        {
            AddFeatureScaling(graph, scaler, network.Inputs);
        }

        AddNetwork(graph, network);
        if (file?.TargetScaler is StandardScaler targetScaler)
        {
            AddTargetUnscaling(graph, targetScaler, network.Outputs);
        }

        string outputName = file is null ? OutputName : OutputNameFor(file);
        string description = Describe(network, file, outputName);
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Perceptron",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "",
            ModelVersion = 1,
            DocString = description,
            Graph = graph.Finish(outputName, network.Outputs, description),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        if (graph.UsesMlDomain)
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MlDomain, Version = MlOpsetVersion });
        }
        if (file is not null)
        {
            AddMetadata(model, file);
        }

        return model;
    }
}
