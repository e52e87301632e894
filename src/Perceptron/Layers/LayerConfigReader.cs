namespace Perceptron.Layers;

/// <summary>
/// Reads a layer's saved settings, checking each (Keras's <c>from_config</c>): a model file's reader implements it, so
/// a bad value fails with a message naming the field. The layer kinds' factories (<see cref="LayerRegistry"/>) read through it.
/// </summary>
internal abstract class LayerConfigReader
{
    /// <summary>The most units (outputs) one layer may have, and the most inputs.</summary>
    public const int MaxWidth = 1_000_000;

    /// <summary>Whether the setting is present (optional settings).</summary>
    public abstract bool Has(string name);

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public abstract int Int(string name, int min, int max);

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public abstract double Double(string name, double min, double max);

    /// <summary>true or false.</summary>
    public abstract bool Bool(string name);

    /// <summary>A string, looked up by <paramref name="find"/> (e.g. <c>Activation.FromName</c>), whose ArgumentException becomes the field's error.</summary>
    public abstract T Lookup<T>(string name, Func<string, T> find);
}
