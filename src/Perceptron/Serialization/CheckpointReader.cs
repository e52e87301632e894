using System.Text.Json;
using Perceptron.Training;

namespace Perceptron.Serialization;

/// <summary>Reads a checkpoint folder, checking the state file field by field, in the manner of <see cref="ModelReader"/>.</summary>
internal static class CheckpointReader
{
    /// <summary>Largest state file accepted.</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>Most optimizer state buffers and history series accepted.</summary>
    public const int MaxStateBuffers = 4, MaxSeries = 1_000;

    /// <summary>Most epochs a checkpoint may record.</summary>
    public const int MaxEpochs = 100_000_000;

    private static readonly string[] TopLevelFields = ["format", "version", "model", "model_sha256", "epoch", "optimizer", "history"];

    public static TrainingCheckpoint Read(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Checkpoint folder '{directory}' does not exist.");
        }

        string path = Path.Combine(directory, TrainingCheckpoint.StateFileName);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"'{directory}' holds no checkpoint: {TrainingCheckpoint.StateFileName} is missing.", path);
        }

        using JsonDocument document = JsonFields.ParseFile(path, MaxFileBytes, maxDepth: 8, "a checkpoint state file");
        return Parse(new JsonFields(path), document.RootElement, directory);
    }

    private static TrainingCheckpoint Parse(JsonFields f, JsonElement root, string directory)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw f.Error(null, "must hold a JSON object; this is not a Perceptron checkpoint.");
        }

        f.CheckNames(root, null);
        string format = f.String(root, "format");
        if (format != TrainingCheckpoint.FormatName)
        {
            throw f.Error("format", $"is '{format}', expected '{TrainingCheckpoint.FormatName}'; this is not a Perceptron checkpoint.");
        }

        int version = f.Int(root, "version", 1, int.MaxValue);
        if (version != TrainingCheckpoint.FormatVersion)
        {
            throw f.Error("version", $"is {version}, but this Perceptron reads version {TrainingCheckpoint.FormatVersion}. HINT: a newer version wrote it; update Perceptron to resume from it.");
        }

        f.CheckOnly(root, null, TopLevelFields, $"format version {version}");

        // The model file: a plain name inside the folder, whose content must be the one the state was written for.
        string modelName = f.String(root, "model");
        if (modelName.Length == 0 || Path.GetFileName(modelName) != modelName || modelName is "." or ".." || modelName.Contains('\\', StringComparison.Ordinal))
        {
            throw f.Error("model", "must be the name of a model file inside the checkpoint folder.");
        }

        string modelPath = Path.Combine(directory, modelName);
        if (!File.Exists(modelPath))
        {
            throw f.Error("model", $"names '{modelName}', which is not in the folder; the checkpoint is incomplete.");
        }

        string hash = f.String(root, "model_sha256");
        if (!string.Equals(hash, TrainingCheckpoint.Sha256(modelPath), StringComparison.OrdinalIgnoreCase))
        {
            throw f.Error("model_sha256", $"does not match '{modelName}'; the model file was changed or replaced after the checkpoint was saved.");
        }

        ModelDocument model = ModelDocument.Load(modelPath);
        int epoch = f.Int(root, "epoch", 0, MaxEpochs);
        var optimizer = ReadOptimizer(f, root, model);
        return new TrainingCheckpoint(model, epoch, ReadHistory(f, root, epoch), optimizer);
    }

    private static OptimizerSnapshot ReadOptimizer(JsonFields f, JsonElement root, ModelDocument model)
    {
        var element = f.Get(root, "optimizer", null);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw f.Error("optimizer", "must be an object with name, learning rates, iterations and state.");
        }

        string name = f.String(element, "name", "optimizer");
        if (model.Optimizer is null || model.Optimizer.Name != name)
        {
            throw f.Error("optimizer.name", $"is '{name}' but the model file's optimizer is '{model.Optimizer?.Name ?? "(none)"}'.");
        }

        double initial = f.Double(element, "initial_learning_rate", double.Epsilon, double.MaxValue, "optimizer");
        double current = f.Double(element, "learning_rate", double.Epsilon, double.MaxValue, "optimizer");
        var iterations = f.Get(element, "iterations", "optimizer");
        if (iterations.ValueKind != JsonValueKind.Number || !iterations.TryGetInt64(out long steps) || steps < 0)
        {
            throw f.Error("optimizer.iterations", "must be a whole number ≥ 0.");
        }

        // Each buffer is as long as the parameters: the shape check bounds what decoding may allocate.
        var state = f.Array(element, "state", 0, MaxStateBuffers, "optimizer");
        var buffers = new float[]?[state.GetArrayLength()];
        int i = 0;
        foreach (var item in state.EnumerateArray())
        {
            buffers[i] = item.ValueKind == JsonValueKind.Null ? null : f.Tensor(item, [model.Network.ParameterCount], $"optimizer.state[{i}]");
            i++;
        }

        return new OptimizerSnapshot(name, initial, current, steps, buffers);
    }

    private static History ReadHistory(JsonFields f, JsonElement root, int epochs)
    {
        var element = f.Get(root, "history", null);
        if (element.ValueKind != JsonValueKind.Object || element.EnumerateObject().Count() > MaxSeries)
        {
            throw f.Error("history", $"must be an object of at most {MaxSeries:N0} series.");
        }

        var series = new Dictionary<string, double[]>();
        foreach (var property in element.EnumerateObject())
        {
            string at = $"history.{property.Name}";
            var array = f.Array(element, property.Name, 0, epochs, "history");
            var values = new double[array.GetArrayLength()];
            int i = 0;
            foreach (var item in array.EnumerateArray())
            {
                // null stands for NaN or ∞, which JSON cannot hold
                values[i] = item.ValueKind switch
                {
                    JsonValueKind.Null => double.NaN,
                    JsonValueKind.Number when item.TryGetDouble(out double value) && double.IsFinite(value) => value,
                    _ => throw f.Error($"{at}[{i}]", "must be a finite number or null."),
                };
                i++;
            }

            series[property.Name] = values;
        }

        var history = new History();
        int recorded = series.Count == 0 ? 0 : series.Values.Max(s => s.Length);
        for (int epoch = 0; epoch < recorded; epoch++)
        {
            history.Add(series.Where(s => epoch < s.Value.Length).ToDictionary(s => s.Key, s => s.Value[epoch]));
        }

        return history;
    }
}
