using System.Numerics;
using Perceptron.Tensors;

namespace Perceptron.Training;

/// <summary>
/// Mini-batches read one at a time, for data that does not fit in memory (a large file streamed row by row): what
/// <see cref="Sequential{T}.Fit(IBatchSource{T}, TrainingOptions, IBatchSource{T}?)"/> trains on, epoch after epoch.
/// </summary>
/// <typeparam name="T">The element type, as the model's.</typeparam>
/// <remarks>
/// The source decides the order of the rows (and so any shuffling); the model only consumes the batches. A batch's
/// matrices may be reused by the source once the next batch is asked for, so a consumer copies what it keeps.
/// </remarks>
public interface IBatchSource<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Batches in one epoch, for progress displays; 0 when unknown.</summary>
    int BatchesPerEpoch { get; }

    /// <summary>The batches of one epoch, in training order.</summary>
    /// <param name="epoch">The 0-based epoch, so a source can shuffle differently (and reproducibly) each epoch.</param>
    /// <returns>Pairs of inputs (rows × features) and targets (rows × target columns, e.g. one column of class indices).</returns>
    IEnumerable<(Matrix<T> X, Matrix<T> Y)> Batches(int epoch);
}
