using System.Runtime.InteropServices;
using System.Text.Json;
using Perceptron.Data;
using Perceptron.Layers;

namespace Perceptron.Serialization;

/// <summary>Writes a <see cref="ModelDocument"/> as JSON (docs/model-format.md), atomically.</summary>
internal static class ModelWriter
{
    public static void Write(ModelDocument file, string path)
    {
        var model = file.Network;
        if (!model.IsBuilt)
        {
            throw new InvalidOperationException("The model has no weights yet: build or train it before saving.");
        }

        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("format", ModelDocument.FormatName);
            json.WriteNumber("version", ModelDocument.FormatVersion);
            if (file.Task is TaskKind task)
            {
                json.WriteString("task", task == TaskKind.Classification ? "classification" : "regression");
            }

            json.WriteNumber("inputs", model.Inputs);
            json.WriteNumber("seed", model.Seed);
            WriteLayers(json, model.Layers);
            if (model.Loss is not null)
            {
                json.WriteString("loss", model.Loss.Name);
            }

            if (model.Optimizer is not null)
            {
                json.WriteStartObject("optimizer");
                json.WriteString("name", model.Optimizer.Name);
                foreach (var (key, value) in model.Optimizer.Settings)
                {
                    json.WriteNumber(key, value);
                }

                json.WriteEndObject();
            }

            WriteStrings(json, "features", file.FeatureNames);
            if (file.TargetName is not null)
            {
                json.WriteString("target", file.TargetName);
            }

            WriteStrings(json, "classes", file.ClassNames);
            WritePreprocessing(json, "preprocessing", file.Scaler);
            WritePreprocessing(json, "target_preprocessing", file.TargetScaler);
            json.WriteStartObject("training");
            foreach (var (key, value) in file.Training)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    private static void WriteLayers(Utf8JsonWriter json, IReadOnlyList<Layer<float>> layers)
    {
        json.WriteStartArray("layers");
        foreach (var layer in layers)
        {
            json.WriteStartObject();
            json.WriteString("name", layer.Name);
            switch (layer)
            {
                case Dense<float> dense:
                    json.WriteString("kind", "dense");
                    json.WriteNumber("units", dense.Units);
                    json.WriteString("activation", dense.Activation.Name);
                    json.WriteBoolean("use_bias", dense.UseBias);
                    json.WriteNumber("l2", dense.L2);
                    json.WriteString("initializer", dense.KernelInitializer.Name);
                    WriteTensor(json, "kernel", [dense.Inputs, dense.Units], dense.Weights);
                    if (dense.UseBias)
                    {
                        WriteTensor(json, "bias", [dense.Units], dense.Bias);
                    }

                    break;
                case Dropout<float> dropout:
                    json.WriteString("kind", "dropout");
                    json.WriteNumber("rate", dropout.Rate);
                    break;
                default:
                    throw new NotSupportedException($"Layer '{layer.Name}' of kind {layer.Kind} cannot be saved.");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
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
