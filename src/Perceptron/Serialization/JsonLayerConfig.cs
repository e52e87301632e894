using System.Text.Json;
using Perceptron.Layers;

namespace Perceptron.Serialization;

/// <summary>A layer's settings in a model file, read through <see cref="JsonFields"/> so each error names its field
/// (<c>layers[2].units</c>); remembers which fields were read, so the reader can refuse the rest.</summary>
internal sealed class JsonLayerConfig(JsonFields fields, JsonElement layer, string at) : LayerConfigReader
{
    /// <summary>The names of the fields read so far.</summary>
    public HashSet<string> Read { get; } = new(StringComparer.Ordinal);

    public override bool Has(string name)
    {
        Read.Add(name);
        return layer.TryGetProperty(name, out _);
    }

    public override int Int(string name, int min, int max) => Use(name, () => fields.Int(layer, name, min, max, at));

    public override double Double(string name, double min, double max) => Use(name, () => fields.Double(layer, name, min, max, at));

    public override bool Bool(string name) => Use(name, () => fields.Bool(layer, name, at));

    public override T Lookup<T>(string name, Func<string, T> find) => Use(name, () => fields.Lookup(layer, name, at, find));

    private T Use<T>(string name, Func<T> read)
    {
        Read.Add(name);
        return read();
    }
}
