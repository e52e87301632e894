using System.Text;

namespace Perceptron.Layers;

/// <summary>
/// The layer kinds a model file may hold, each with the factory that recreates it from its settings. Adding a layer
/// kind is its file (with its <c>FromConfig</c>) and one line here; nothing else switches on layer kinds.
/// </summary>
internal static class LayerRegistry
{
    private static readonly Dictionary<string, Func<LayerConfigReader, Layer<float>>> Factories = new(StringComparer.Ordinal)
    {
        ["dense"] = Dense<float>.FromConfig,
        ["dropout"] = Dropout<float>.FromConfig,
        ["layer_normalization"] = LayerNormalization<float>.FromConfig,
    };

    /// <summary>Every registered kind, as written in model files.</summary>
    public static IReadOnlyCollection<string> Kinds => Factories.Keys;

    /// <summary>Whether <paramref name="kind"/> is registered.</summary>
    public static bool Contains(string kind) => Factories.ContainsKey(kind);

    /// <summary>A new float32 layer of <paramref name="kind"/> from its saved settings.</summary>
    /// <exception cref="KeyNotFoundException">The kind is not registered.</exception>
    public static Layer<float> Create(string kind, LayerConfigReader config) => Factories[kind](config);

    /// <summary>A layer's kind as written in model files: its <see cref="Layer{T}.Kind"/> in snake_case ("LayerNormalization" → "layer_normalization").</summary>
    public static string FileKind(string kind)
    {
        var text = new StringBuilder(kind.Length + 4);
        for (int i = 0; i < kind.Length; i++)
        {
            if (char.IsUpper(kind[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(kind[i]));
        }

        return text.ToString();
    }
}
