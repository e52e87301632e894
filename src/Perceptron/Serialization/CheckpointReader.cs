using System.Globalization;
using System.Text.Json;
using Perceptron.Training;
using Perceptron.Training.Callbacks;

namespace Perceptron.Serialization;

/// <summary>Reads a checkpoint folder, checking the state file field by field, in the manner of <see cref="ModelReader"/>.</summary>
internal static class CheckpointReader
{
    /// <summary>
    /// Largest state file accepted: the most one read can hold (<see cref="Array.MaxLength"/>). Enough for two optimizer
    /// buffers and early stopping's best weights of a model of 134,000,000 parameters; a larger run cannot be checkpointed.
    /// </summary>
    public const long MaxFileBytes = 0x7FFF_FFC7;

    /// <summary>Most optimizer state buffers and history series accepted.</summary>
    public const int MaxStateBuffers = 4, MaxSeries = 1_000;

    /// <summary>Most epochs a checkpoint may record.</summary>
    public const int MaxEpochs = 100_000_000;

    /// <summary>Most callback states, and values of each kind in one, accepted.</summary>
    public const int MaxCallbacks = 100, MaxCallbackValues = 1_000;

    /// <summary>Deepest JSON nesting accepted.</summary>
    public const int MaxDepth = 8;

    /// <summary>The top-level fields of version 1; version 2 adds the callbacks' states and the digest.</summary>
    private static readonly string[] TopLevelFields = ["format", "version", "model", "model_sha256", "epoch", "optimizer", "history"];

    private static readonly string[] CallbackFields = ["numbers", "texts", "arrays"];

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

        using JsonDocument document = JsonFields.ParseFile(path, MaxFileBytes, MaxDepth, "a checkpoint state file");
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
        if (version > TrainingCheckpoint.FormatVersion)
        {
            throw f.Error("version", $"is {version}, but this Perceptron reads versions 1 to {TrainingCheckpoint.FormatVersion}. HINT: a newer version wrote it; update Perceptron to resume from it.");
        }

        f.CheckOnly(root, null, version == 1 ? TopLevelFields : [.. TopLevelFields, "callbacks", FileDigest.FieldName], $"format version {version}");

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
        var checkpoint = new TrainingCheckpoint(model, epoch, ReadHistory(f, root, epoch), optimizer, version == 1 ? null : ReadCallbackStates(f, root));
        FileDigest.Verify(f, root);
        return checkpoint;
    }

    /// <summary>Each stateful callback's numbers, texts and float32 arrays (each array's base64 length checked before decoding).</summary>
    private static Dictionary<string, CallbackState> ReadCallbackStates(JsonFields f, JsonElement root)
    {
        var states = new Dictionary<string, CallbackState>(StringComparer.Ordinal);
        if (!root.TryGetProperty("callbacks", out var element))
        {
            return states;
        }

        if (element.ValueKind != JsonValueKind.Object || element.EnumerateObject().Count() > MaxCallbacks)
        {
            throw f.Error("callbacks", $"must be an object of at most {MaxCallbacks} callback states.");
        }

        foreach (var callback in element.EnumerateObject())
        {
            string at = $"callbacks.{callback.Name}";
            if (callback.Value.ValueKind != JsonValueKind.Object)
            {
                throw f.Error(at, "must be an object with numbers, texts and arrays.");
            }

            f.CheckOnly(callback.Value, at, CallbackFields, "a callback's state");
            var state = new CallbackState();
            foreach (var (name, value) in Members(f, callback.Value, "numbers", at))
            {
                state.Numbers[name] = value.ValueKind switch
                {
                    JsonValueKind.Number when value.TryGetDouble(out double number) && double.IsFinite(number) => number,
                    JsonValueKind.String when value.ValueEquals("NaN") || value.ValueEquals("Infinity") || value.ValueEquals("-Infinity") => double.Parse(value.GetString()!, CultureInfo.InvariantCulture),
                    _ => throw f.Error($"{at}.numbers.{name}", "must be a finite number, \"NaN\", \"Infinity\" or \"-Infinity\"."),
                };
            }

            foreach (var (name, value) in Members(f, callback.Value, "texts", at))
            {
                state.Texts[name] = value.ValueKind == JsonValueKind.String ? f.String(callback.Value.GetProperty("texts"), name, $"{at}.texts") : throw f.Error($"{at}.texts.{name}", "must be a string.");
            }

            foreach (var (name, value) in Members(f, callback.Value, "arrays", at))
            {
                string field = $"{at}.arrays.{name}";
                var shape = value.ValueKind == JsonValueKind.Object ? f.Array(value, "shape", 1, 1, field) : throw f.Error(field, "must be an object with shape, dtype and data.");
                if (!shape[0].TryGetInt32(out int length) || length < 0 || length > ModelReader.MaxParameters)
                {
                    throw f.Error($"{field}.shape", $"must be [n] with n a whole number in [0, {Data.MessageText.Count(ModelReader.MaxParameters)}].");
                }

                state.Arrays[name] = f.Tensor(value, [length], field);
            }

            states[callback.Name] = state;
        }

        return states;
    }

    /// <summary>The members of an optional object field of a callback's state, at most <see cref="MaxCallbackValues"/>.</summary>
    private static List<(string Name, JsonElement Value)> Members(JsonFields f, JsonElement parent, string name, string at)
    {
        if (!parent.TryGetProperty(name, out var element))
        {
            return [];
        }

        if (element.ValueKind != JsonValueKind.Object || element.EnumerateObject().Count() > MaxCallbackValues)
        {
            throw f.Error($"{at}.{name}", $"must be an object of at most {Data.MessageText.Count(MaxCallbackValues)} values.");
        }

        return [.. element.EnumerateObject().Select(member => (member.Name, member.Value))];
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
            throw f.Error("history", $"must be an object of at most {Data.MessageText.Count(MaxSeries)} series.");
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
