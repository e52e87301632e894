namespace Perceptron.Optimizers;

/// <summary>Creates optimizers by kind, or by name and settings (the command line's and model files' spelling).</summary>
/// <remarks>Every default comes from the optimizer's own constructor; the factory restates none but the momentum
/// μ = 0.9 that defines its <see cref="OptimizerKind.Momentum"/> and <see cref="OptimizerKind.Nesterov"/> kinds.</remarks>
public static class OptimizerFactory
{
    /// <summary>The momentum of the <see cref="OptimizerKind.Momentum"/> and <see cref="OptimizerKind.Nesterov"/> kinds.</summary>
    public const double NamedMomentum = 0.9;

    /// <summary>The optimizer names accepted by <see cref="Create(string, IReadOnlyDictionary{string, double}?)"/>, in <see cref="OptimizerKind"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<OptimizerKind>().Select(NameOf)];

    /// <summary>The name of a kind as written on the command line and in model files, e.g. "adamw".</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its lower-case name.</returns>
    public static string NameOf(OptimizerKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The kind named <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="name">sgd, momentum, nesterov, adam, adamw or rmsprop.</param>
    /// <returns>The kind.</returns>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static OptimizerKind Parse(string name)
    {
        foreach (var kind in Enum.GetValues<OptimizerKind>())
        {
            if (string.Equals(NameOf(kind), name, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        throw new ArgumentException($"Unknown optimizer '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Creates an optimizer of a kind with its default settings, and optionally another learning rate.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="learningRate">The learning rate, or null for the kind's default.</param>
    /// <returns>A new optimizer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The learning rate is not finite and &gt; 0.</exception>
    public static Optimizer Create(OptimizerKind kind, double? learningRate = null) =>
        Create(NameOf(kind), learningRate is double rate ? new Dictionary<string, double> { ["learning_rate"] = rate } : null);

    /// <summary>Creates an optimizer from its name and settings, with the constructor's defaults for settings not given.</summary>
    /// <param name="name">sgd, momentum (SGD with μ = 0.9), nesterov, adam, adamw or rmsprop (case-insensitive).</param>
    /// <param name="settings">Settings by name, as <see cref="Optimizer.Settings"/> reports them (learning_rate, momentum, beta1, …).</param>
    /// <returns>A new optimizer.</returns>
    /// <exception cref="ArgumentException">Unknown name or setting.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static Optimizer Create(string name, IReadOnlyDictionary<string, double>? settings = null)
    {
        settings ??= new Dictionary<string, double>();
        OptimizerKind kind = Parse(name);
        Optimizer defaults = kind switch
        {
            OptimizerKind.Sgd => new Sgd(),
            OptimizerKind.Momentum => new Sgd(momentum: NamedMomentum),
            OptimizerKind.Nesterov => new Sgd(momentum: NamedMomentum, nesterov: true),
            OptimizerKind.Adam => new Adam(),
            OptimizerKind.AdamW => new AdamW(),
            _ => new RmsProp(),
        };
        foreach (string setting in settings.Keys)
        {
            if (!defaults.Settings.ContainsKey(setting))
            {
                throw new ArgumentException($"Optimizer '{NameOf(kind)}' has no setting '{setting}'; it takes {string.Join(", ", defaults.Settings.Keys)}.", nameof(settings));
            }
        }

        double Get(string setting) => settings.TryGetValue(setting, out double value) ? value : defaults.Settings[setting];
        return kind switch
        {
            OptimizerKind.Sgd or OptimizerKind.Momentum => new Sgd(Get("learning_rate"), Get("momentum"), Get("nesterov") != 0, Get("weight_decay")),
            OptimizerKind.Nesterov => new Sgd(Get("learning_rate"), Get("momentum"), nesterov: true, Get("weight_decay")),
            OptimizerKind.Adam => new Adam(Get("learning_rate"), Get("beta1"), Get("beta2"), Get("epsilon"), Get("weight_decay")),
            OptimizerKind.AdamW => new AdamW(Get("learning_rate"), Get("beta1"), Get("beta2"), Get("epsilon"), Get("weight_decay")),
            _ => new RmsProp(Get("learning_rate"), Get("rho"), Get("epsilon"), Get("momentum"), Get("weight_decay")),
        };
    }

    /// <summary>The default learning rate for an optimizer name: 1e-3 for the adaptive ones, 0.01 for SGD.</summary>
    /// <param name="name">An optimizer name.</param>
    /// <returns>The default rate.</returns>
    public static double DefaultLearningRate(string name) => Create(name).LearningRate;
}
