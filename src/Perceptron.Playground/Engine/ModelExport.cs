using System.Globalization;
using Perceptron.Onnx;
using Perceptron.Playground.Data;
using Perceptron.Playground.Sessions;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Training;

namespace Perceptron.Playground.Engine;

/// <summary>
/// Adapter: the trained network as the model file <c>perceptron predict</c> loads (a <see cref="TabularModel"/>), and as
/// ONNX. The only place the playground touches the model-file type.
/// </summary>
internal static class ModelExport
{
    /// <summary>The model file's JSON bytes.</summary>
    public static byte[] ModelJson(Sequential<float> model, SessionData data, PreparedData prepared, PlaygroundSetup setup, int epochs)
    {
        // The writer saves atomically to a path; a fresh temporary name of our own (never the client's) holds it briefly.
        string path = Path.Combine(Path.GetTempPath(), $"perceptron-playground-{Guid.NewGuid():N}.json");
        try
        {
            Describe(model, data, prepared, setup, epochs).Save(path);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The ONNX bytes (preprocessing folded in, as <c>perceptron export</c> writes them).</summary>
    public static byte[] Onnx(Sequential<float> model, SessionData data, PreparedData prepared, PlaygroundSetup setup, int epochs) =>
        Describe(model, data, prepared, setup, epochs).ToOnnxBytes();

    private static TabularModel Describe(Sequential<float> model, SessionData data, PreparedData prepared, PlaygroundSetup setup, int epochs) => new(model)
    {
        Task = data.Task,
        FeatureNames = data.Train.FeatureNames,
        TargetName = data.Train.TargetName,
        ClassNames = data.Train.ClassNames ?? [],
        Scaler = prepared.Scaler,
        TargetScaler = prepared.TargetScaler,
        Training = new TrainingFacts
        {
            Data = data.Train.Source,
            Rows = data.Train.Rows,
            BatchSize = setup.BatchSize,
            Epochs = epochs,
            Tool = $"Perceptron playground {typeof(ModelExport).Assembly.GetName().Version}",
            CreatedUtc = DateTimeOffset.UtcNow,
            Notes = new Dictionary<string, string> { ["seed"] = setup.Seed.ToString(CultureInfo.InvariantCulture) },
        },
    };
}
