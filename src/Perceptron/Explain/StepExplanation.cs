using System.Text;
using System.Text.Json;

namespace Perceptron.Explain;

/// <summary>
/// Every value of one training step, in the order the network computes them: the data model behind
/// <c>perceptron explain</c>, serialisable to JSON (field names documented in docs/explain.md).
/// </summary>
/// <remarks>Made by <see cref="ClassicExplainer"/> and <see cref="EngineExplainer"/>.</remarks>
public sealed class StepExplanation
{
    /// <summary>The format name, the first field of the JSON.</summary>
    public const string FormatName = "perceptron-explain";

    /// <summary>The JSON format's version.</summary>
    public const int FormatVersion = 1;

    private Dictionary<string, ExplainedValue>? _byId;

    /// <summary>"classic" (the per-sample float64 network) or "engine" (a <c>Sequential</c> model).</summary>
    public required string Network { get; init; }

    /// <summary>The model, as its <c>ToString()</c> describes it.</summary>
    public required string Model { get; init; }

    /// <summary>"float64" or "float32": the precision the step was computed in.</summary>
    public required string Precision { get; init; }

    /// <summary>The rows of the data set this step trains on (one for a sample, more for a batch).</summary>
    public required IReadOnlyList<int> Rows { get; init; }

    /// <summary>The epoch the step belongs to, from 1.</summary>
    public required int Epoch { get; init; }

    /// <summary>The loss's name.</summary>
    public required string Loss { get; init; }

    /// <summary>The optimizer's name ("gradient_descent" for the classic network).</summary>
    public required string Optimizer { get; init; }

    /// <summary>The optimizer's hyperparameters by name (learning_rate, momentum, beta1, …).</summary>
    public required IReadOnlyDictionary<string, double> Settings { get; init; }

    /// <summary>Every value, in the order computed.</summary>
    public required IReadOnlyList<ExplainedValue> Values { get; init; }

    /// <summary>The value with the given <see cref="ExplainedValue.Id"/>.</summary>
    /// <param name="id">E.g. "backward.0.delta".</param>
    /// <exception cref="KeyNotFoundException">No value has that id.</exception>
    public ExplainedValue this[string id]
    {
        get
        {
            _byId ??= Values.ToDictionary(v => v.Id);
            return _byId.TryGetValue(id, out var value) ? value : throw new KeyNotFoundException($"The explanation has no value '{id}'.");
        }
    }

    /// <summary>The whole explanation as JSON, every number at full precision (float32 values as float32 round-trip them).</summary>
    /// <param name="indented">Indent for reading.</param>
    /// <returns>One JSON object.</returns>
    public string ToJson(bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the explanation as one JSON object.</summary>
    /// <param name="json">The writer.</param>
    public void WriteJson(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("format", FormatName);
        json.WriteNumber("version", FormatVersion);
        json.WriteString("network", Network);
        json.WriteString("model", Model);
        json.WriteString("precision", Precision);
        json.WriteStartArray("rows");
        foreach (int row in Rows)
        {
            json.WriteNumberValue(row);
        }

        json.WriteEndArray();
        json.WriteNumber("epoch", Epoch);
        json.WriteString("loss", Loss);
        json.WriteString("optimizer", Optimizer);
        json.WriteStartObject("settings");
        foreach (var (name, value) in Settings)
        {
            json.WriteNumber(name, value);
        }

        json.WriteEndObject();
        json.WriteStartArray("values");
        foreach (ExplainedValue value in Values)
        {
            WriteValue(json, value);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private void WriteValue(Utf8JsonWriter json, ExplainedValue value)
    {
        json.WriteStartObject();
        json.WriteString("id", value.Id);
        json.WriteString("phase", value.Phase);
        if (value.Layer is int layer)
        {
            json.WriteNumber("layer", layer);
        }
        else
        {
            json.WriteNull("layer");
        }

        json.WriteString("symbol", value.Symbol);
        json.WriteString("label", value.Label);
        json.WriteString("formula", value.Formula);
        json.WriteStartArray("shape");
        foreach (int dimension in value.Shape)
        {
            json.WriteNumberValue(dimension);
        }

        json.WriteEndArray();
        json.WritePropertyName("values");
        switch (value.Shape.Count)
        {
            case 0:
                WriteNumber(json, value.Values[0]);
                break;
            case 1:
                WriteRow(json, value.Values, 0, value.Values.Count);
                break;
            default:
                json.WriteStartArray();
                for (int row = 0; row < value.Rows; row++)
                {
                    WriteRow(json, value.Values, row * value.Columns, value.Columns);
                }

                json.WriteEndArray();
                break;
        }

        json.WriteStartArray("sources");
        foreach (SourceLine source in value.Sources)
        {
            json.WriteStartObject();
            json.WriteString("file", source.File);
            json.WriteNumber("line", source.Line);
            json.WriteString("code", source.Code);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (value.Note is not null)
        {
            json.WriteString("note", value.Note);
        }

        json.WriteEndObject();
    }

    private void WriteRow(Utf8JsonWriter json, IReadOnlyList<double> values, int start, int count)
    {
        json.WriteStartArray();
        for (int i = start; i < start + count; i++)
        {
            WriteNumber(json, values[i]);
        }

        json.WriteEndArray();
    }

    /// <summary>A number at the step's precision; JSON has no NaN or ∞, so those become null.</summary>
    private void WriteNumber(Utf8JsonWriter json, double value)
    {
        if (!double.IsFinite(value))
        {
            json.WriteNullValue();
        }
        else if (Precision == "float32")
        {
            json.WriteNumberValue((float)value);
        }
        else
        {
            json.WriteNumberValue(value);
        }
    }
}
