namespace Perceptron.Training;

/// <summary>What <see cref="Sequential{T}"/>.Fit recorded: per-epoch loss and metrics, and why training stopped.</summary>
/// <remarks>
/// Keys are "loss" (the data loss: the loss function alone, as <see cref="Sequential{T}.Evaluate(Tensors.Matrix{T}, Tensors.Matrix{T}, int)"/> reports it),
/// "penalty" (the weight penalties λ·Σw² + λ₁·Σ|w|, logged only when a layer has one) and each metric's name; validation values are
/// prefixed "val_" (as Keras). The objective training minimises is loss + penalty. Unlike Keras, whose "loss"
/// includes the regularisation terms, "loss" here is comparable to "val_loss" and to the loss PyTorch users compute.
/// </remarks>
public sealed class History
{
    private readonly Dictionary<string, List<double>> _values = [];

    /// <summary>Every recorded series, by key.</summary>
    public IReadOnlyDictionary<string, List<double>> Values => _values;

    /// <summary>The series for a key, e.g. history["val_loss"].</summary>
    /// <param name="key">"loss", "penalty", a metric name, or either prefixed with "val_".</param>
    /// <exception cref="KeyNotFoundException">Nothing was recorded under that key.</exception>
    public IReadOnlyList<double> this[string key] => _values.TryGetValue(key, out var series)
        ? series
        : throw new KeyNotFoundException($"History has no '{key}'; it has {string.Join(", ", _values.Keys)}.");

    /// <summary>Epochs completed (counting from the initial epoch).</summary>
    public int Epochs { get; private set; }

    /// <summary>Why training stopped before its last epoch (early stopping, a non-finite loss, cancellation), or null.</summary>
    public string? StopReason { get; internal set; }

    /// <summary>Whether training diverged (a loss or gradient became NaN or infinite) and was stopped before the bad step.</summary>
    public bool Diverged { get; internal set; }

    /// <summary>How training ended: completed, stopped early by a callback, or diverged.</summary>
    public TrainingOutcome Outcome => Diverged ? TrainingOutcome.Diverged : StopReason is null ? TrainingOutcome.Completed : TrainingOutcome.StoppedEarly;

    internal void Add(IReadOnlyDictionary<string, double> logs)
    {
        foreach (var (key, value) in logs)
        {
            if (!_values.TryGetValue(key, out var series))
            {
                series = [];
                _values[key] = series;
            }

            series.Add(value);
        }

        Epochs++;
    }

    /// <summary>This history's epochs followed by <paramref name="later"/>'s, with the later run's outcome: a resumed run as one.</summary>
    internal History Then(History later)
    {
        var joined = new History { StopReason = later.StopReason, Diverged = later.Diverged };
        foreach (var part in (History[])[this, later])
        {
            for (int epoch = 0; epoch < part.Epochs; epoch++)
            {
                joined.Add(part._values.Where(s => epoch < s.Value.Count).ToDictionary(s => s.Key, s => s.Value[epoch]));
            }
        }

        return joined;
    }
}
