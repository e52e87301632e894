using System.Globalization;
using System.Text.Json;
using Perceptron.Data;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Training;

namespace Perceptron.Serialization;

/// <summary>
/// Reads a model file (versions 1 and 2), checking every field against the format and the architecture before building
/// anything. The network is built with the file's weights: no random initialisation, no optimizer.
/// </summary>
internal static class ModelReader
{
    /// <summary>Largest number of layers, parameters in all, and feature or class names accepted.</summary>
    public const int MaxLayers = 1_000, MaxParameters = 200_000_000, MaxNames = 1_000_000;

    /// <summary>
    /// Largest model file accepted, from what the largest model needs: the base64 of <see cref="MaxParameters"/> float32
    /// weights (1,066,666,668 bytes) plus 128 MiB for the rest (a model at the input limit of 1,000,000 features, with
    /// their names and a scaler, needs under 100 MB).
    /// </summary>
    public const long MaxFileBytes = (4L * MaxParameters + 2) / 3 * 4 + (128L << 20);

    /// <summary>Deepest JSON nesting accepted.</summary>
    public const int MaxDepth = 16;

    /// <summary>The top-level fields of each version; within a version the format is closed.</summary>
    private static readonly string[] TopLevelFields =
        ["format", "version", "task", "inputs", "seed", "layers", "loss", "optimizer", "features", "target", "classes", "imputation", "one_hot", "preprocessing", "target_preprocessing", "training", "class_weights"];

    private static readonly string[] TrainingFields =
        ["data", "rows", "validation_rows", "batch_size", "epochs", "seconds", "final_loss", "outcome", "stop_reason", "test_rows", "data_sha256", "created_utc", "tool", "options", "metrics", "notes"];

    /// <summary>The deepest value a training option may be: an array or object of numbers and strings.</summary>
    private const int MaxOptionDepth = 1;

    public static ModelDocument Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path) && Directory.Exists(path))
        {
            string hint = TrainingCheckpoint.Exists(path) ? "; it holds a checkpoint, whose model is the model-epoch-N.json inside" : "";
            throw new IOException($"'{path}' is a folder, not a model file{hint}.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        }

        using JsonDocument document = JsonFields.ParseFile(path, MaxFileBytes, MaxDepth, "a model file");
        return Parse(new JsonFields(path), document.RootElement);
    }

    private static ModelDocument Parse(JsonFields f, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw f.Error(null, "must hold a JSON object; this is not a Perceptron model file.");
        }

        f.CheckNames(root, null);
        string format = f.String(root, "format");
        if (format != ModelDocument.FormatName)
        {
            throw f.Error("format", $"is '{format}', expected '{ModelDocument.FormatName}'; this is not a Perceptron model file.");
        }

        int version = f.Int(root, "version", 1, int.MaxValue);
        if (version > ModelDocument.FormatVersion)
        {
            throw f.Error("version", $"is {version}, but this Perceptron reads versions {ModelDocument.OldestReadableVersion} to {ModelDocument.FormatVersion}. HINT: a newer version wrote it; update Perceptron to read it.");
        }

        f.CheckOnly(root, null, version == 1 ? TopLevelFields : [.. TopLevelFields, FileDigest.FieldName], $"format version {version}");
        int inputs = f.Int(root, "inputs", 1, LayerConfigReader.MaxWidth);
        var (layers, parameters) = ReadLayers(f, root, inputs);
        var network = new Sequential<float>(layers) { Seed = f.Int(root, "seed", int.MinValue, int.MaxValue) };
        network.Build(inputs, parameters);
        var (loss, optimizer) = ReadLossAndOptimizer(f, root, network);

        TaskKind? task = f.OptionalString(root, "task") switch
        {
            null => null,
            "classification" => TaskKind.Classification,
            "regression" => TaskKind.Regression,
            var other => throw f.Error("task", $"is '{other}', expected 'classification' or 'regression'."),
        };
        string[] features = f.Strings(root, "features", MaxNames);
        var (imputer, encoder) = PreprocessingJson.Read(f, root, features, inputs);
        if (imputer is null && encoder is null && features.Length != 0 && features.Length != inputs)
        {
            throw f.Error("features", $"names {features.Length} features but the model has {inputs} inputs.");
        }

        string[] classes = f.Strings(root, "classes", MaxNames);
        int outputs = network.Outputs;
        if (task == TaskKind.Classification && classes.Length != outputs && !(outputs == 1 && classes.Length == 2))
        {
            throw f.Error("classes", $"names {classes.Length} classes but the last layer has {outputs} outputs.");
        }

        var document = new ModelDocument
        {
            Network = network,
            Loss = loss,
            Optimizer = optimizer,
            Task = task,
            FeatureNames = features,
            TargetName = root.TryGetProperty("target", out _) ? f.String(root, "target") : null,
            ClassNames = classes,
            Imputer = imputer,
            Encoder = encoder,
            Scaler = ReadPreprocessing(f, root, "preprocessing", inputs),
            TargetScaler = ReadPreprocessing(f, root, "target_preprocessing", 1) switch
            {
                null => null,
                StandardScaler standard when task == TaskKind.Regression && outputs == 1 => standard,
                _ => throw f.Error("target_preprocessing", "must be a 'standard' scaler of one column, and only for a regression model with one output."),
            },
            Training = version == 1 ? ReadTrainingVersion1(f, root) : ReadTraining(f, root),
        };

        // Last: a file whose every field is valid may still differ from what was saved (a flipped bit in a weight).
        FileDigest.Verify(f, root);
        return document;
    }

    /// <summary>
    /// Each layer through the registry: its kind's factory reads the settings, the layer's shapes say which tensors must
    /// follow. Sizes are checked before any weight is decoded, so a file cannot make the reader allocate more than it justifies.
    /// </summary>
    private static (List<Layer<float>> Layers, float[] Parameters) ReadLayers(JsonFields f, JsonElement root, int inputs)
    {
        JsonElement array = f.Array(root, "layers", 1, MaxLayers);
        var layers = new List<Layer<float>>();
        var tensors = new List<float[]>();
        int width = inputs;
        long parameterCount = 0;
        int index = 0;
        foreach (var element in array.EnumerateArray())
        {
            string at = $"layers[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw f.Error(at, "must be an object describing a layer.");
            }

            string kind = f.String(element, "kind", at);
            if (!LayerRegistry.Contains(kind))
            {
                throw f.Error($"{at}.kind", $"is '{kind}', expected one of {string.Join(", ", LayerRegistry.Kinds.Select(k => $"'{k}'"))}.");
            }

            var config = new JsonLayerConfig(f, element, at);
            Layer<float> layer = f.Wrap(at, () => LayerRegistry.Create(kind, config));
            f.Wrap(at, () => layer.Build(width));
            foreach (var shape in layer.ParameterShapes)
            {
                parameterCount += shape.Count;
                if (parameterCount > MaxParameters)
                {
                    throw f.Error(at, $"brings the model to more than {Data.MessageText.Count(MaxParameters)} parameters, beyond what a model file may hold.");
                }
            }

            foreach (var shape in layer.ParameterShapes)
            {
                tensors.Add(f.Tensor(element, shape.Name, [.. shape.Dimensions], at));
                config.Read.Add(shape.Name);
            }

            config.Read.Add("name");
            config.Read.Add("kind");
            foreach (var property in element.EnumerateObject())
            {
                if (!config.Read.Contains(property.Name))
                {
                    throw f.Error($"{at}.{property.Name}", $"is not part of a {kind} layer with these settings; it has {string.Join(", ", config.Read.Where(name => name is not ("name" or "kind")))}.");
                }
            }

            if (element.TryGetProperty("name", out _))
            {
                layer.Name = f.String(element, "name", at);
            }

            layers.Add(layer);
            width = layer.Outputs;
        }

        return (layers, [.. tensors.SelectMany(tensor => tensor)]);
    }

    /// <summary>The loss and the optimizer's settings, checked (the loss must suit the last layer) but not attached: predicting needs neither.</summary>
    private static (Loss?, OptimizerConfig?) ReadLossAndOptimizer(JsonFields f, JsonElement root, Sequential<float> network)
    {
        if (!root.TryGetProperty("loss", out _))
        {
            return root.TryGetProperty("class_weights", out _) ? throw f.Error("class_weights", "needs a 'loss' to weigh.") : (null, null);
        }

        Loss loss = f.Lookup(root, "loss", null, Loss.FromName);
        if (root.TryGetProperty("class_weights", out _))
        {
            if (loss is not SparseCategoricalCrossEntropy)
            {
                throw f.Error("class_weights", $"goes with the loss 'sparse_categorical_crossentropy', not '{loss.Name}'.");
            }

            JsonElement array = f.Array(root, "class_weights", network.Outputs, network.Outputs);
            double[] weights = [.. array.EnumerateArray().Select((item, i) => item.ValueKind == JsonValueKind.Number && item.TryGetDouble(out double w) && double.IsFinite(w) && w >= 0
                ? w
                : throw f.Error($"class_weights[{i}]", "must be a finite number ≥ 0."))];
            loss = f.Wrap("class_weights", () => new SparseCategoricalCrossEntropy(weights));
        }

        f.Wrap("loss", () => network.CheckLossFits(loss));
        if (!root.TryGetProperty("optimizer", out var element))
        {
            return (loss, OptimizerConfig.Of(new Sgd()));
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw f.Error("optimizer", "must be an object with a name and its settings.");
        }

        var settings = new Dictionary<string, double>();
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name != "name")
            {
                settings[property.Name] = f.Double(element, property.Name, double.MinValue, double.MaxValue, "optimizer");
            }
        }

        // The factory is where names and ranges are checked; what it creates has no state yet and is dropped.
        var config = new OptimizerConfig(f.String(element, "name", "optimizer"), settings);
        f.Wrap("optimizer", config.Create);
        return (loss, config);
    }

    private static IFeatureScaler? ReadPreprocessing(JsonFields f, JsonElement root, string at, int inputs)
    {
        if (!root.TryGetProperty(at, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw f.Error(at, "must be null or an object.");
        }

        return f.String(element, "kind", at) switch
        {
            "standard" => f.Wrap(at, () => new StandardScaler(f.Floats(element, "mean", inputs, at), f.Floats(element, "std", inputs, at))),
            "minmax" => f.Wrap(at, () => new MinMaxScaler(f.Floats(element, "min", inputs, at), f.Floats(element, "max", inputs, at))),
            var other => throw f.Error($"{at}.kind", $"is '{other}', expected 'standard' or 'minmax'."),
        };
    }

    /// <summary>Version 2: typed facts, each optional.</summary>
    private static TrainingFacts? ReadTraining(JsonFields f, JsonElement root)
    {
        if (!root.TryGetProperty("training", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw f.Error("training", "must be an object of training facts.");
        }

        const string At = "training";
        f.CheckOnly(element, At, TrainingFields, "the training facts of format version 2");
        return new TrainingFacts
        {
            Data = f.OptionalString(element, "data", At),
            Rows = f.OptionalInt(element, "rows", 0, int.MaxValue, At),
            ValidationRows = f.OptionalInt(element, "validation_rows", 0, int.MaxValue, At),
            BatchSize = f.OptionalInt(element, "batch_size", 1, int.MaxValue, At),
            Epochs = f.OptionalInt(element, "epochs", 0, int.MaxValue, At),
            Seconds = f.OptionalDouble(element, "seconds", 0, double.MaxValue, At),
            FinalLoss = f.OptionalDouble(element, "final_loss", double.MinValue, double.MaxValue, At),
            Outcome = f.OptionalString(element, "outcome", At) switch
            {
                null => null,
                "completed" => TrainingOutcome.Completed,
                "stopped_early" => TrainingOutcome.StoppedEarly,
                "diverged" => TrainingOutcome.Diverged,
                var other => throw f.Error("training.outcome", $"is '{other}', expected 'completed', 'stopped_early' or 'diverged'."),
            },
            StopReason = f.OptionalString(element, "stop_reason", At),
            TestRows = f.OptionalInt(element, "test_rows", 0, int.MaxValue, At),
            DataSha256 = f.OptionalString(element, "data_sha256", At) is string hash
                ? hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower) ? hash : throw f.Error("training.data_sha256", "must be 64 lower-case hexadecimal digits.")
                : null,
            Options = element.TryGetProperty("options", out var options) ? ReadOptions(f, options) : TrainingFacts.NoOptions,
            Metrics = element.TryGetProperty("metrics", out var metrics) ? ReadMetrics(f, metrics) : TrainingFacts.NoMetrics,
            CreatedUtc = f.OptionalString(element, "created_utc", At) is string created
                ? DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : throw f.Error("training.created_utc", "must be a date and time such as 2025-01-31T12:00:00Z.")
                : null,
            Tool = f.OptionalString(element, "tool", At),
            Notes = element.TryGetProperty("notes", out var notes) ? ReadStrings(f, notes, "training.notes") : new Dictionary<string, string>(),
        };
    }

    /// <summary>Version 1: an object of strings. The facts the trainer wrote become typed; anything else, or a value that
    /// does not parse, is kept as a note.</summary>
    private static TrainingFacts? ReadTrainingVersion1(JsonFields f, JsonElement root)
    {
        if (!root.TryGetProperty("training", out var element))
        {
            return null;
        }

        var strings = ReadStrings(f, element, "training");
        var notes = new Dictionary<string, string>(strings);
        string? Take(string key) => notes.Remove(key, out string? value) ? value : null;
        int? Whole(string key) => strings.TryGetValue(key, out string? text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && notes.Remove(key) ? value : null;
        double? Number(string key) => strings.TryGetValue(key, out string? text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && notes.Remove(key) ? value : null;

        string? stopReason = Take("stop_reason") is { Length: > 0 } reason ? reason : null;
        bool hadEpochs = strings.ContainsKey("epochs");
        var facts = new TrainingFacts
        {
            Data = Take("data"),
            Rows = Whole("rows"),
            ValidationRows = Whole("validation_rows"),
            BatchSize = Whole("batch_size"),
            Epochs = Whole("epochs"),
            Seconds = Number("seconds"),
            FinalLoss = Number("final_loss"),
            StopReason = stopReason,
            CreatedUtc = strings.TryGetValue("created_utc", out string? created) && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && notes.Remove("created_utc") ? time : null,
            Tool = Take("tool"),
        };
        if (notes.TryGetValue("final_loss", out string? lossText) && lossText.Length == 0)
        {
            notes.Remove("final_loss"); // version 1 wrote "" when no epoch ran
        }

        return facts with
        {
            Outcome = !hadEpochs ? null
                : stopReason is null ? TrainingOutcome.Completed
                : stopReason.StartsWith("the loss or its gradient became", StringComparison.Ordinal) ? TrainingOutcome.Diverged
                : TrainingOutcome.StoppedEarly,
            Notes = notes,
        };
    }

    /// <summary>Training options: each a number, string, boolean or null, or an array or object of numbers and strings.</summary>
    private static Dictionary<string, JsonElement> ReadOptions(JsonFields f, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw f.Error("training.options", "must be an object of settings.");
        }

        var options = new Dictionary<string, JsonElement>();
        foreach (var property in element.EnumerateObject())
        {
            CheckOptionValue(f, property.Value, $"training.options.{property.Name}", 0);
            options[property.Name] = property.Value.Clone();
        }

        return options;
    }

    private static void CheckOptionValue(JsonFields f, JsonElement value, string at, int depth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetDouble(out double number) && double.IsFinite(number):
                break;
            case JsonValueKind.String:
                _ = f.Text(value, at);
                break;
            case JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null when depth == 0:
                break;
            case JsonValueKind.Array when depth < MaxOptionDepth:
                int i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    CheckOptionValue(f, item, $"{at}[{i++}]", depth + 1);
                }

                break;
            case JsonValueKind.Object when depth < MaxOptionDepth:
                foreach (var property in value.EnumerateObject())
                {
                    CheckOptionValue(f, property.Value, $"{at}.{property.Name}", depth + 1);
                }

                break;
            default:
                throw f.Error(at, depth == 0
                    ? "must be a number, a string, true, false, null, or an array or object of numbers and strings."
                    : "must be a number or a string.");
        }
    }

    /// <summary>Metrics by split, each an object of finite numbers.</summary>
    private static Dictionary<string, IReadOnlyDictionary<string, double>> ReadMetrics(JsonFields f, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw f.Error("training.metrics", "must be an object of splits, each an object of metrics.");
        }

        var splits = new Dictionary<string, IReadOnlyDictionary<string, double>>();
        foreach (var split in element.EnumerateObject())
        {
            string at = $"training.metrics.{split.Name}";
            if (split.Value.ValueKind != JsonValueKind.Object)
            {
                throw f.Error(at, "must be an object of metrics (name: number).");
            }

            var metrics = new Dictionary<string, double>();
            foreach (var metric in split.Value.EnumerateObject())
            {
                metrics[metric.Name] = metric.Value.ValueKind == JsonValueKind.Number && metric.Value.TryGetDouble(out double value) && double.IsFinite(value)
                    ? value
                    : throw f.Error($"{at}.{metric.Name}", "must be a finite number.");
            }

            splits[split.Name] = metrics;
        }

        return splits;
    }

    private static Dictionary<string, string> ReadStrings(JsonFields f, JsonElement element, string at)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw f.Error(at, "must be an object of strings.");
        }

        var strings = new Dictionary<string, string>();
        foreach (var property in element.EnumerateObject())
        {
            strings[property.Name] = f.String(element, property.Name, at);
        }

        return strings;
    }
}
