namespace Perceptron.Training.Callbacks;

/// <summary>What a <see cref="IStatefulCallback"/> saves: named numbers, texts and float32 arrays (such as weights).</summary>
/// <remarks>Numbers may be NaN or infinite; a checkpoint stores them exactly.</remarks>
public sealed class CallbackState
{
    /// <summary>Numbers by name: settings, counters, best values.</summary>
    public IDictionary<string, double> Numbers { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Texts by name: settings such as the monitored log key.</summary>
    public IDictionary<string, string> Texts { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Float32 arrays by name, such as a copy of the parameters.</summary>
    public IDictionary<string, float[]> Arrays { get; } = new Dictionary<string, float[]>(StringComparer.Ordinal);

    /// <summary>A saved number.</summary>
    /// <param name="name">Its name.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentException">The state has no such number.</exception>
    public double Number(string name) =>
        Numbers.TryGetValue(name, out double value) ? value : throw new ArgumentException($"The saved callback state has no number '{name}'; it was saved by another version or another callback.", nameof(name));

    /// <summary>A saved text.</summary>
    /// <param name="name">Its name.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentException">The state has no such text.</exception>
    public string Text(string name) =>
        Texts.TryGetValue(name, out string? value) ? value : throw new ArgumentException($"The saved callback state has no text '{name}'; it was saved by another version or another callback.", nameof(name));
}
