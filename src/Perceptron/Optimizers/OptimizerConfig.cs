using System.Globalization;

namespace Perceptron.Optimizers;

/// <summary>An optimizer's name and settings as saved in a model file: enough to create it again, without creating it now.</summary>
/// <remarks>A model loaded to predict needs no optimizer; resuming training creates one from this with <see cref="Create"/>.</remarks>
/// <param name="Name">The optimizer's name (<see cref="Optimizer.Name"/>), e.g. "adam".</param>
/// <param name="Settings">Its settings by name (<see cref="Optimizer.Settings"/>), e.g. learning_rate, beta1.</param>
public sealed record OptimizerConfig(string Name, IReadOnlyDictionary<string, double> Settings)
{
    /// <summary>The configuration of an existing optimizer.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <returns>Its name and current settings.</returns>
    public static OptimizerConfig Of(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return new(optimizer.Name, optimizer.Settings);
    }

    /// <summary>A new optimizer with these settings (fresh state).</summary>
    /// <returns>The optimizer.</returns>
    /// <exception cref="ArgumentException">Unknown name or setting, or a setting out of range.</exception>
    public Optimizer Create() => OptimizerFactory.Create(Name, Settings);

    /// <summary>Whether <paramref name="other"/> has the same name and settings, the learning rate aside (a schedule may change it).</summary>
    /// <param name="other">Another configuration.</param>
    /// <returns>True when they match.</returns>
    public bool SameApartFromLearningRate(OptimizerConfig other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Name == other.Name && Settings.Count == other.Settings.Count
            && Settings.All(s => s.Key == "learning_rate" || (other.Settings.TryGetValue(s.Key, out double value) && value == s.Value));
    }

    /// <summary>Describes the optimizer as <see cref="Optimizer.ToString"/> does, e.g. "adam(learning_rate=0.001, …)".</summary>
    /// <returns>The name and settings.</returns>
    public override string ToString() =>
        $"{Name}({string.Join(", ", Settings.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}={s.Value}")))})";
}
