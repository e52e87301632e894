using System.Reflection;

namespace Perceptron.Onnx.Layers;

/// <summary>Every <see cref="LayerExporter"/> in this assembly, by layer kind: adding a kind is adding its exporter's file.</summary>
internal static class LayerExporters
{
    private static readonly Dictionary<string, LayerExporter> ByKind = typeof(LayerExporter).Assembly.GetTypes()
        .Where(type => type.IsSubclassOf(typeof(LayerExporter)) && !type.IsAbstract)
        .Select(type => (LayerExporter)Activator.CreateInstance(type, nonPublic: true)!)
        .ToDictionary(exporter => exporter.Kind, StringComparer.Ordinal);

    /// <summary>The kinds that can be exported, for messages.</summary>
    public static IEnumerable<string> Kinds => ByKind.Keys.Order(StringComparer.Ordinal);

    /// <summary>The exporter for a layer kind, if there is one.</summary>
    public static LayerExporter? For(string kind) => ByKind.GetValueOrDefault(kind);
}
