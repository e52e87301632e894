using System.Buffers.Binary;
using System.Text.Json;
using Perceptron.Activations;
using Perceptron.Data;
using Perceptron.Initializers;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Training;

namespace Perceptron.Serialization;

/// <summary>Reads a model file, checking every field against the format and the architecture before building anything.</summary>
internal static class ModelReader
{
    /// <summary>Largest model file accepted.</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>Largest number of layers, units per layer, parameters in all, features and classes accepted.</summary>
    public const int MaxLayers = 1_000, MaxWidth = 1_000_000, MaxParameters = 200_000_000, MaxNames = 1_000_000;

    private static readonly string[] TopLevelFields =
        ["format", "version", "task", "inputs", "seed", "layers", "loss", "optimizer", "features", "target", "classes", "preprocessing", "target_preprocessing", "training"];

    public static ModelDocument Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var info = new FileInfo(path);
        if (!info.Exists && Directory.Exists(path))
        {
            string hint = TrainingCheckpoint.Exists(path) ? "; it holds a checkpoint, whose model is the model-epoch-N.json inside" : "";
            throw new IOException($"'{path}' is a folder, not a model file{hint}.");
        }

        if (!info.Exists)
        {
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        }

        if (info.Length > MaxFileBytes)
        {
            throw new ModelFormatException(path, null, $"is {info.Length:N0} bytes, more than the {MaxFileBytes:N0} a model file may have.");
        }

        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            throw new ModelFormatException(path, null, $"is not valid JSON ({exception.Message}); it may be truncated or not a model file.", exception);
        }
        catch (InvalidOperationException exception)
        {
            // The duplicate-name check decodes every name, and a lone surrogate escape in one throws this.
            throw new ModelFormatException(path, null, "has a field name that is not valid text (a broken \\u escape or invalid UTF-8).", exception);
        }

        using (document)
        {
            return Parse(new Fields(path), document.RootElement);
        }
    }

    private static ModelDocument Parse(Fields f, JsonElement root)
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
        if (version != ModelDocument.FormatVersion)
        {
            throw f.Error("version", $"is {version}, but this Perceptron reads version {ModelDocument.FormatVersion}. HINT: a newer version wrote it; update Perceptron to read it.");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!TopLevelFields.Contains(property.Name))
            {
                throw f.Error(property.Name, $"is not part of format version {version}; expected only {string.Join(", ", TopLevelFields)}.");
            }
        }

        int inputs = f.Int(root, "inputs", 1, MaxWidth);
        var model = new Sequential<float>(ReadLayers(f, root, inputs, out var tensors)) { Seed = f.Int(root, "seed", int.MinValue, int.MaxValue) };
        Compile(f, root, model);
        model.Build(inputs);
        foreach (var (dense, kernel, bias) in tensors)
        {
            kernel.CopyTo(dense.Weights);
            bias.CopyTo(dense.Bias);
        }

        TaskKind? task = root.TryGetProperty("task", out var taskElement)
            ? f.String(root, "task") switch
            {
                "classification" => TaskKind.Classification,
                "regression" => TaskKind.Regression,
                var other => throw f.Error("task", $"is '{other}', expected 'classification' or 'regression'."),
            }
            : null;
        _ = taskElement;
        string[] features = f.Strings(root, "features");
        if (features.Length != 0 && features.Length != inputs)
        {
            throw f.Error("features", $"names {features.Length} features but the model has {inputs} inputs.");
        }

        string[] classes = f.Strings(root, "classes");
        int outputs = model.Outputs;
        if (task == TaskKind.Classification && classes.Length != outputs && !(outputs == 1 && classes.Length == 2))
        {
            throw f.Error("classes", $"names {classes.Length} classes but the last layer has {outputs} outputs.");
        }

        return new ModelDocument
        {
            Network = model,
            Task = task,
            FeatureNames = features,
            TargetName = root.TryGetProperty("target", out _) ? f.String(root, "target") : null,
            ClassNames = classes,
            Scaler = ReadPreprocessing(f, root, "preprocessing", inputs),
            TargetScaler = ReadPreprocessing(f, root, "target_preprocessing", 1) switch
            {
                null => null,
                StandardScaler standard when task == TaskKind.Regression && outputs == 1 => standard,
                _ => throw f.Error("target_preprocessing", "must be a 'standard' scaler of one column, and only for a regression model with one output."),
            },
            Training = ReadTraining(f, root),
        };
    }

    private static List<Layer<float>> ReadLayers(Fields f, JsonElement root, int inputs, out List<(Dense<float>, float[], float[])> tensors)
    {
        JsonElement array = f.Array(root, "layers", 1, MaxLayers);
        var layers = new List<Layer<float>>();
        tensors = [];
        int width = inputs;
        long parameters = 0;
        int index = 0;
        foreach (var element in array.EnumerateArray())
        {
            string at = $"layers[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw f.Error(at, "must be an object describing a layer.");
            }

            string kind = f.String(element, "kind", at);
            Layer<float> layer;
            switch (kind)
            {
                case "dense":
                    int units = f.Int(element, "units", 1, MaxWidth, at);
                    parameters += (long)width * units + units;
                    if (parameters > MaxParameters)
                    {
                        throw f.Error($"{at}.units", $"brings the model to more than {MaxParameters:N0} parameters, beyond what a model file may hold.");
                    }

                    bool useBias = f.Bool(element, "use_bias", at);
                    var dense = new Dense<float>(
                        units,
                        f.Lookup(element, "activation", at, Activation.FromName),
                        element.TryGetProperty("initializer", out _) ? f.Lookup(element, "initializer", at, Initializer.FromName) : null,
                        useBias,
                        f.Double(element, "l2", 0, 1e6, at));
                    float[] kernel = f.Tensor(element, "kernel", [width, units], at);
                    float[] bias = useBias ? f.Tensor(element, "bias", [units], at) : [];
                    if (!useBias && element.TryGetProperty("bias", out _))
                    {
                        throw f.Error($"{at}.bias", "is present but use_bias is false.");
                    }

                    tensors.Add((dense, kernel, bias));
                    layer = dense;
                    width = units;
                    break;
                case "dropout":
                    layer = new Dropout<float>(f.Double(element, "rate", 0, 0.999999, at));
                    break;
                default:
                    throw f.Error($"{at}.kind", $"is '{kind}', expected 'dense' or 'dropout'.");
            }

            if (element.TryGetProperty("name", out _))
            {
                layer.Name = f.String(element, "name", at);
            }

            layers.Add(layer);
        }

        return layers;
    }

    private static void Compile(Fields f, JsonElement root, Sequential<float> model)
    {
        if (!root.TryGetProperty("loss", out _))
        {
            return;
        }

        Loss loss = f.Lookup(root, "loss", null, Loss.FromName);
        Optimizer optimizer = new Sgd();
        if (root.TryGetProperty("optimizer", out var element))
        {
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

            optimizer = f.Wrap("optimizer", () => OptimizerFactory.Create(f.String(element, "name", "optimizer"), settings));
        }

        f.Wrap("loss", () =>
        {
            model.Compile(optimizer, loss);
            return 0;
        });
    }

    private static IFeatureScaler? ReadPreprocessing(Fields f, JsonElement root, string at, int inputs)
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

    private static Dictionary<string, string> ReadTraining(Fields f, JsonElement root)
    {
        var training = new Dictionary<string, string>();
        if (root.TryGetProperty("training", out var element))
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw f.Error("training", "must be an object of strings.");
            }

            foreach (var property in element.EnumerateObject())
            {
                training[property.Name] = f.String(element, property.Name, "training");
            }
        }

        return training;
    }

    /// <summary>Typed access to JSON fields; every failure names the field's path.</summary>
    internal sealed class Fields(string path)
    {
        public ModelFormatException Error(string? field, string problem) => new(path, field, problem);

        public T Wrap<T>(string field, Func<T> create)
        {
            try
            {
                return create();
            }
            catch (ArgumentException exception)
            {
                throw Error(field, exception.Message);
            }
        }

        /// <summary>
        /// Decodes every field name once, up front: a name with a lone surrogate escape or invalid UTF-8 would otherwise
        /// make each later lookup throw InvalidOperationException instead of a format error.
        /// </summary>
        public void CheckNames(JsonElement element, string? at)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                int i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckNames(item, $"{at}[{i++}]");
                }
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        throw Error(at, "has a field name that is not valid text (a broken \\u escape or invalid UTF-8).");
                    }

                    CheckNames(property.Value, Join(at, name));
                }
            }
        }

        /// <summary>A JSON string's text; a lone surrogate escape or invalid UTF-8 is a format error, not a crash.</summary>
        public string Text(JsonElement value, string field)
        {
            try
            {
                return value.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw Error(field, "is not valid text (a broken \\u escape or invalid UTF-8).");
            }
        }

        public JsonElement Get(JsonElement parent, string name, string? at)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                throw Error(Join(at, name), "is missing.");
            }

            return value;
        }

        public string String(JsonElement parent, string name, string? at = null)
        {
            var value = Get(parent, name, at);
            string? text = value.ValueKind == JsonValueKind.String ? Text(value, Join(at, name)) : null;
            if (text is null || text.Length > 10_000)
            {
                throw Error(Join(at, name), value.ValueKind == JsonValueKind.String ? "is longer than 10,000 characters." : $"must be a string; found {value.ValueKind}.");
            }

            return text;
        }

        public bool Bool(JsonElement parent, string name, string? at) => Get(parent, name, at).ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            var kind => throw Error(Join(at, name), $"must be true or false; found {kind}."),
        };

        public int Int(JsonElement parent, string name, int min, int max, string? at = null)
        {
            var value = Get(parent, name, at);
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int number) || number < min || number > max)
            {
                throw Error(Join(at, name), $"must be a whole number in [{min}, {max}]; found {Shorten(Raw(value))}.");
            }

            return number;
        }

        public double Double(JsonElement parent, string name, double min, double max, string? at = null)
        {
            var value = Get(parent, name, at);
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number) || number < min || number > max)
            {
                throw Error(Join(at, name), $"must be a finite number in [{min}, {max}].");
            }

            return number;
        }

        public T Lookup<T>(JsonElement parent, string name, string? at, Func<string, T> find)
        {
            string text = String(parent, name, at);
            return Wrap(Join(at, name), () => find(text));
        }

        public JsonElement Array(JsonElement parent, string name, int min, int max, string? at = null)
        {
            var value = Get(parent, name, at);
            if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() < min || value.GetArrayLength() > max)
            {
                throw Error(Join(at, name), $"must be an array of {min} to {max:N0} entries.");
            }

            return value;
        }

        public string[] Strings(JsonElement parent, string name)
        {
            if (!parent.TryGetProperty(name, out _))
            {
                return [];
            }

            var array = Array(parent, name, 0, MaxNames);
            var values = new string[array.GetArrayLength()];
            int i = 0;
            foreach (var item in array.EnumerateArray())
            {
                values[i] = item.ValueKind == JsonValueKind.String ? Text(item, $"{name}[{i}]") : throw Error($"{name}[{i}]", "must be a string.");
                i++;
            }

            return values;
        }

        public float[] Floats(JsonElement parent, string name, int count, string at)
        {
            var array = Array(parent, name, count, count, at);
            var values = new float[count];
            int i = 0;
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetSingle(out values[i]) || !float.IsFinite(values[i]))
                {
                    throw Error($"{at}.{name}[{i}]", "must be a finite number.");
                }

                i++;
            }

            return values;
        }

        /// <summary>A tensor field: its shape must be the one the architecture implies, and its data exactly that many finite floats.</summary>
        public float[] Tensor(JsonElement parent, string name, int[] expectedShape, string at) =>
            Tensor(Get(parent, name, at), expectedShape, Join(at, name));

        /// <summary>A tensor given as the element itself (e.g. an array item), whose path is <paramref name="field"/>.</summary>
        public float[] Tensor(JsonElement tensor, int[] expectedShape, string field)
        {
            if (tensor.ValueKind != JsonValueKind.Object)
            {
                throw Error(field, "must be an object with shape, dtype and data.");
            }

            var shape = Array(tensor, "shape", expectedShape.Length, expectedShape.Length, field);
            int d = 0;
            foreach (var dimension in shape.EnumerateArray())
            {
                if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt32(out int size) || size != expectedShape[d])
                {
                    string found = string.Join(", ", shape.EnumerateArray().Select(e => Shorten(Raw(e))));
                    throw Error($"{field}.shape", $"is [{found}], but the architecture needs [{string.Join(", ", expectedShape)}].");
                }

                d++;
            }

            if (String(tensor, "dtype", field) != "float32-le")
            {
                throw Error($"{field}.dtype", "must be 'float32-le'.");
            }

            var data = Get(tensor, "data", field);
            long count = expectedShape.Aggregate(1L, (a, b) => a * b);
            // Check the encoded length before decoding, so a hostile file cannot make us allocate more than it justifies.
            string? base64 = data.ValueKind == JsonValueKind.String ? Text(data, $"{field}.data") : null;
            if (base64 is null || base64.Length != (count * sizeof(float) + 2) / 3 * 4 || !data.TryGetBytesFromBase64(out byte[]? bytes) || bytes.Length != count * sizeof(float))
            {
                throw Error($"{field}.data", $"must be base64 of exactly {count * sizeof(float):N0} bytes ({count:N0} little-endian float32 values).");
            }

            var values = new float[count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
                if (!float.IsFinite(values[i]))
                {
                    throw Error($"{field}.data", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"value {i} is {values[i]}; every weight must be finite."));
                }
            }

            return values;
        }

        private static string Join(string? at, string name) => at is null ? name : $"{at}.{name}";

        /// <summary>The element's JSON text, or a placeholder when it is not valid UTF-8.</summary>
        private static string Raw(JsonElement element)
        {
            try
            {
                return element.GetRawText();
            }
            catch (InvalidOperationException)
            {
                return "(invalid text)";
            }
        }

        /// <summary>Raw JSON on one line and at most 40 characters, for messages.</summary>
        private static string Shorten(string raw)
        {
            string line = string.Join(' ', raw.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(part => part.Trim()));
            return line.Length <= 40 ? line : line[..40] + "…";
        }
    }
}
