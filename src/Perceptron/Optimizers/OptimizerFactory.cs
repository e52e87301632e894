namespace Perceptron.Optimizers;

/// <summary>Creates optimizers by name (for the command line and model files).</summary>
public static class OptimizerFactory
{
    /// <summary>The optimizer names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop"];

    /// <summary>Creates an optimizer from its name and settings, with defaults for settings not given.</summary>
    /// <param name="name">sgd, momentum (SGD with μ = 0.9), nesterov, adam, adamw or rmsprop (case-insensitive).</param>
    /// <param name="settings">Settings by name, as <see cref="Optimizer.Settings"/> reports them (learning_rate, momentum, beta1, …).</param>
    /// <returns>A new optimizer.</returns>
    /// <exception cref="ArgumentException">Unknown name or setting.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static Optimizer Create(string name, IReadOnlyDictionary<string, double>? settings = null)
    {
        settings ??= new Dictionary<string, double>();
        string key = name?.ToLowerInvariant() ?? "";
        string[] allowed = key switch
        {
            "sgd" or "momentum" or "nesterov" => ["learning_rate", "momentum", "nesterov", "weight_decay"],
            "adam" or "adamw" => ["learning_rate", "beta1", "beta2", "epsilon", "weight_decay"],
            "rmsprop" => ["learning_rate", "rho", "epsilon", "momentum", "weight_decay"],
            _ => throw new ArgumentException($"Unknown optimizer '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
        };
        foreach (string setting in settings.Keys)
        {
            if (!allowed.Contains(setting))
            {
                throw new ArgumentException($"Optimizer '{key}' has no setting '{setting}'; it takes {string.Join(", ", allowed)}.", nameof(settings));
            }
        }

        double Get(string setting, double fallback) => settings.TryGetValue(setting, out double value) ? value : fallback;
        return key switch
        {
            "sgd" => new Sgd(Get("learning_rate", 0.01), Get("momentum", 0), Get("nesterov", 0) != 0, Get("weight_decay", 0)),
            "momentum" => new Sgd(Get("learning_rate", 0.01), Get("momentum", 0.9), Get("nesterov", 0) != 0, Get("weight_decay", 0)),
            "nesterov" => new Sgd(Get("learning_rate", 0.01), Get("momentum", 0.9), nesterov: true, Get("weight_decay", 0)),
            "adam" => new Adam(Get("learning_rate", 1e-3), Get("beta1", 0.9), Get("beta2", 0.999), Get("epsilon", 1e-8), Get("weight_decay", 0)),
            "adamw" => new AdamW(Get("learning_rate", 1e-3), Get("beta1", 0.9), Get("beta2", 0.999), Get("epsilon", 1e-8), Get("weight_decay", 0.01)),
            _ => new RmsProp(Get("learning_rate", 1e-3), Get("rho", 0.99), Get("epsilon", 1e-8), Get("momentum", 0), Get("weight_decay", 0)),
        };
    }

    /// <summary>The default learning rate for an optimizer name: 1e-3 for the adaptive ones, 0.01 for SGD.</summary>
    /// <param name="name">An optimizer name.</param>
    /// <returns>The default rate.</returns>
    public static double DefaultLearningRate(string name) => Create(name).LearningRate;
}
