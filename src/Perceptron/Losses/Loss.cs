using System.Numerics;
using Perceptron.Activations;

namespace Perceptron.Losses;

/// <summary>A loss function: how far a batch of predictions is from its targets, and its gradient.</summary>
/// <remarks>
/// Every loss reduces by the mean (over the batch, and over outputs for element-wise losses), as PyTorch and
/// Keras do by default, and returns that mean in double precision. Losses whose <see cref="FusedActivation"/>
/// is set (cross-entropies) take the last layer's pre-activations (logits) instead of its outputs, and return
/// the gradient with respect to those logits: the stable, fused form.
/// </remarks>
public abstract class Loss
{
    /// <summary>The loss's name, e.g. "mse" (as used in model files and on the command line).</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The output activation this loss absorbs, or <c>null</c>. When the last layer uses it, the engine passes
    /// that layer's pre-activations to the loss and skips the activation's backward pass. The loss then also
    /// accepts a linear last layer, whose outputs it treats as logits.
    /// </summary>
    public virtual Activation? FusedActivation => null;

    /// <summary>How many target columns the loss expects for <paramref name="outputs"/> model outputs.</summary>
    /// <param name="outputs">Units in the last layer.</param>
    /// <returns><paramref name="outputs"/> for most losses; 1 for sparse (class index) targets.</returns>
    public virtual int TargetColumns(int outputs) => outputs;

    /// <summary>Computes the mean loss and, when <paramref name="gradient"/> is not empty, its gradient.</summary>
    /// <param name="predictions">Model outputs, <c>batch × outputs</c> (logits when the activation is fused).</param>
    /// <param name="targets">Targets, <c>batch × TargetColumns(outputs)</c>.</param>
    /// <param name="gradient">Destination for ∂loss/∂predictions (<c>batch × outputs</c>), or empty to skip it.</param>
    /// <param name="batch">Number of rows.</param>
    /// <param name="outputs">Number of model outputs per row.</param>
    /// <returns>The mean loss over the batch.</returns>
    public abstract double Compute<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Checks that targets suit this loss (e.g. class indices in range); called once per data set, not per batch.</summary>
    /// <param name="targets">All targets, row-major.</param>
    /// <param name="outputs">Units in the last layer.</param>
    /// <exception cref="ArgumentException">A target is invalid; the message names its row.</exception>
    public virtual void ValidateTargets<T>(ReadOnlySpan<T> targets, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
    }

    /// <summary>Looks a loss up by <see cref="Name"/> (case-insensitive), with default settings.</summary>
    /// <param name="name">mse, mae, huber, binary_crossentropy, categorical_crossentropy or sparse_categorical_crossentropy.</param>
    /// <returns>A new loss.</returns>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Loss FromName(string name) => name?.ToLowerInvariant() switch
    {
        "mse" => new MeanSquaredError(),
        "mae" => new MeanAbsoluteError(),
        "huber" => new Huber(),
        "binary_crossentropy" => new BinaryCrossEntropy(),
        "categorical_crossentropy" => new CategoricalCrossEntropy(),
        "sparse_categorical_crossentropy" => new SparseCategoricalCrossEntropy(),
        _ => throw new ArgumentException(
            $"Unknown loss '{name}'; expected mse, mae, huber, binary_crossentropy, categorical_crossentropy or sparse_categorical_crossentropy.", nameof(name)),
    };

    /// <summary>The loss's name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;
}
