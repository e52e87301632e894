using System.Numerics;

namespace Perceptron.Metrics;

/// <summary>A quality measure accumulated over batches (accuracy, MAE, R²) and read at the end of an epoch.</summary>
/// <remarks>Metrics see the model's outputs (probabilities for softmax and sigmoid layers) and the targets as given to Fit.</remarks>
public abstract class Metric
{
    /// <summary>The metric's name, e.g. "accuracy", used as its key in <see cref="Training.History"/>.</summary>
    public abstract string Name { get; }

    /// <summary>Starts a new accumulation.</summary>
    public abstract void Reset();

    /// <summary>Adds a batch.</summary>
    /// <param name="predictions">Model outputs, <c>batch × outputs</c>.</param>
    /// <param name="targets">Targets, <c>batch × targetColumns</c> (one column of class indices for sparse targets).</param>
    /// <param name="batch">Rows.</param>
    /// <param name="outputs">Model outputs per row.</param>
    /// <param name="targetColumns">Target columns per row.</param>
    public abstract void Update<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, int batch, int outputs, int targetColumns)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The value over everything added since <see cref="Reset"/> (NaN if nothing was added).</summary>
    public abstract double Result { get; }

    /// <summary>Creates a metric by name: accuracy, binary_accuracy, mae or r2.</summary>
    /// <param name="name">The metric's name (case-insensitive).</param>
    /// <returns>A new metric.</returns>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Metric FromName(string name) => name?.ToLowerInvariant() switch
    {
        "accuracy" => new Accuracy(),
        "binary_accuracy" => new BinaryAccuracy(),
        "mae" => new MeanAbsoluteErrorMetric(),
        "r2" => new R2Score(),
        _ => throw new ArgumentException($"Unknown metric '{name}'; expected accuracy, binary_accuracy, mae or r2.", nameof(name)),
    };

    /// <summary>The metric's name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;

    /// <summary>Index of the largest value (the first on ties).</summary>
    private protected static int ArgMax<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
