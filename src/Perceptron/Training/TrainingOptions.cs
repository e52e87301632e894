using Perceptron.Optimizers;
using Perceptron.Training.Callbacks;

namespace Perceptron.Training;

/// <summary>Every setting of a <see cref="Sequential{T}.Fit(Tensors.Matrix{T}, Tensors.Matrix{T}, TrainingOptions, Tensors.Matrix{T}?, Tensors.Matrix{T}?)"/> call, each with its default.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training data (the last epoch's number; see <see cref="InitialEpoch"/>).</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Rows per gradient step; the last batch of an epoch may be smaller.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Shuffle the training rows at the start of every epoch (seeded by the model's seed and the epoch).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Fraction of rows, taken from the end of the data before shuffling (as Keras), held out for validation; 0 for none.</summary>
    public double ValidationSplit { get; init; }

    /// <summary>Sets the learning rate at the start of each epoch; null keeps it fixed.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>Called at the start and end of training, epochs and batches.</summary>
    public IReadOnlyList<Callback> Callbacks { get; init; } = [];

    /// <summary>Rescale the gradients so their global L2 norm is at most this; null for no clipping.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Clamp every gradient element to [−value, value]; null for no clipping.</summary>
    public double? ClipValue { get; init; }

    /// <summary>The epoch to start from (0-based), for resuming a run: shuffling and dropout depend only on the seed and the epoch.</summary>
    public int InitialEpoch { get; init; }

    /// <summary>Checked between batches; cancelling stops training after the current batch.</summary>
    public CancellationToken CancellationToken { get; init; }
}
