using System.Runtime.InteropServices;
using System.Text.Json;
using Perceptron.Data;
using Perceptron.Layers;
using Perceptron.Training;

namespace Perceptron.Serialization;

/// <summary>Writes a <see cref="ModelDocument"/> as JSON (docs/model-format.md), atomically.</summary>
internal static class ModelWriter
{
    public static void Write(ModelDocument document, string path)
    {
        var network = document.Network;
        if (!network.IsBuilt)
        {
            throw new InvalidOperationException("The model has no weights yet: build or train it before saving.");
        }

        // Fields in the order docs/model-format.md lists them; a new field is one line here and one in ModelReader.
        // The digest, computed from what is written here, follows them.
        FileDigest.WriteFile(path, ModelReader.MaxDepth, json =>
        {
            json.WriteStartObject();
            json.WriteString("format", ModelDocument.FormatName);
            json.WriteNumber("version", ModelDocument.FormatVersion);
            if (document.Task is TaskKind task)
            {
                json.WriteString("task", task == TaskKind.Classification ? "classification" : "regression");
            }

            json.WriteNumber("inputs", network.Inputs);
            json.WriteNumber("seed", network.Seed);
            WriteLayers(json, network);
            if (document.SavedLoss is { } loss)
            {
                json.WriteString("loss", loss.Name);
                if (loss is Losses.SparseCategoricalCrossEntropy { ClassWeights: { } weights })
                {
                    json.WriteStartArray("class_weights");
                    foreach (double weight in weights)
                    {
                        json.WriteNumberValue(weight);
                    }

                    json.WriteEndArray();
                }
            }

            if (document.SavedOptimizer is { } optimizer)
            {
                json.WriteStartObject("optimizer");
                json.WriteString("name", optimizer.Name);
                foreach (var (key, value) in optimizer.Settings)
                {
                    json.WriteNumber(key, value);
                }

                json.WriteEndObject();
            }

            WriteStrings(json, "features", document.FeatureNames);
            if (document.TargetName is not null)
            {
                json.WriteString("target", document.TargetName);
            }

            WriteStrings(json, "classes", document.ClassNames);
            PreprocessingJson.Write(json, document);
            WritePreprocessing(json, "preprocessing", document.Scaler);
            WritePreprocessing(json, "target_preprocessing", document.TargetScaler);
            if (document.Training is { } training)
            {
                WriteTraining(json, training);
            }

            json.WriteEndObject();
        });
    }

    /// <summary>Each layer as its kind, name, settings (<see cref="Layer{T}.GetConfig"/>) and parameter tensors: no switch on kinds.</summary>
    private static void WriteLayers(Utf8JsonWriter json, Sequential<float> network)
    {
        ReadOnlySpan<float> parameters = network.Parameters;
        int offset = 0;
        json.WriteStartArray("layers");
        foreach (var layer in network.Layers)
        {
            json.WriteStartObject();
            json.WriteString("name", layer.Name);
            json.WriteString("kind", LayerRegistry.FileKind(layer.Kind));
            foreach (var (key, value) in layer.GetConfig())
            {
                WriteValue(json, key, value);
            }

            foreach (var shape in layer.ParameterShapes)
            {
                int count = (int)shape.Count;
                WriteTensor(json, shape.Name, [.. shape.Dimensions], parameters.Slice(offset, count));
                offset += count;
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object value)
    {
        switch (value)
        {
            case int number:
                json.WriteNumber(name, number);
                break;
            case double number:
                json.WriteNumber(name, number);
                break;
            case bool flag:
                json.WriteBoolean(name, flag);
                break;
            case string text:
                json.WriteString(name, text);
                break;
            default:
                throw new NotSupportedException($"Layer setting '{name}' is a {value?.GetType().Name ?? "null"}; settings must be int, double, bool or string.");
        }
    }

    private static void WriteTraining(Utf8JsonWriter json, TrainingFacts facts)
    {
        json.WriteStartObject("training");
        WriteOptional(json, "data", facts.Data);
        WriteOptional(json, "rows", facts.Rows);
        WriteOptional(json, "validation_rows", facts.ValidationRows);
        WriteOptional(json, "batch_size", facts.BatchSize);
        WriteOptional(json, "epochs", facts.Epochs);
        WriteOptional(json, "seconds", facts.Seconds);
        if (facts.FinalLoss is double loss && double.IsFinite(loss))
        {
            json.WriteNumber("final_loss", loss);
        }

        WriteOptional(json, "outcome", facts.Outcome is { } outcome ? TrainingFacts.OutcomeName(outcome) : null);
        WriteOptional(json, "stop_reason", facts.StopReason);
        WriteOptional(json, "test_rows", facts.TestRows);
        WriteOptional(json, "data_sha256", facts.DataSha256);
        WriteOptional(json, "created_utc", facts.CreatedUtc?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        WriteOptional(json, "tool", facts.Tool);
        if (facts.Options.Count > 0)
        {
            json.WriteStartObject("options");
            foreach (var (key, value) in facts.Options)
            {
                json.WritePropertyName(key);
                value.WriteTo(json);
            }

            json.WriteEndObject();
        }

        if (facts.Metrics.Count > 0)
        {
            json.WriteStartObject("metrics");
            foreach (var (split, metrics) in facts.Metrics)
            {
                json.WriteStartObject(split);
                foreach (var (name, value) in metrics.Where(metric => double.IsFinite(metric.Value)))
                {
                    json.WriteNumber(name, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        if (facts.Notes.Count > 0)
        {
            json.WriteStartObject("notes");
            foreach (var (key, value) in facts.Notes)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, object? value)
    {
        if (value is not null)
        {
            WriteValue(json, name, value);
        }
    }

    /// <summary>A tensor as its shape and the base64 of its little-endian float32 values (an array item when <paramref name="name"/> is null).</summary>
    internal static void WriteTensor(Utf8JsonWriter json, string? name, int[] shape, ReadOnlySpan<float> values)
    {
        if (name is null)
        {
            json.WriteStartObject();
        }
        else
        {
            json.WriteStartObject(name);
        }

        json.WriteStartArray("shape");
        foreach (int dimension in shape)
        {
            json.WriteNumberValue(dimension);
        }

        json.WriteEndArray();
        json.WriteString("dtype", "float32-le");
        if (BitConverter.IsLittleEndian)
        {
            json.WriteBase64String("data", MemoryMarshal.AsBytes(values));
        }
        else
        {
            var bytes = new byte[values.Length * sizeof(float)];
            for (int i = 0; i < values.Length; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
            }

            json.WriteBase64String("data", bytes);
        }

        json.WriteEndObject();
    }

    private static void WritePreprocessing(Utf8JsonWriter json, string field, IFeatureScaler? scaler)
    {
        switch (scaler)
        {
            case null:
                json.WriteNull(field);
                break;
            case StandardScaler standard:
                json.WriteStartObject(field);
                json.WriteString("kind", "standard");
                WriteNumbers(json, "mean", standard.Means);
                WriteNumbers(json, "std", standard.StandardDeviations);
                json.WriteEndObject();
                break;
            case MinMaxScaler minMax:
                json.WriteStartObject(field);
                json.WriteString("kind", "minmax");
                WriteNumbers(json, "min", minMax.Minimums);
                WriteNumbers(json, "max", minMax.Maximums);
                json.WriteEndObject();
                break;
            default:
                throw new NotSupportedException($"Preprocessing {scaler.GetType().Name} cannot be saved; use StandardScaler or MinMaxScaler.");
        }
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, IReadOnlyList<float> values)
    {
        json.WriteStartArray(name);
        foreach (float value in values)
        {
            // The shortest text that round-trips the float exactly.
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
