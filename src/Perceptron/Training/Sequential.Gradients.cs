using Perceptron.Layers;
using Perceptron.Tensors;

namespace Perceptron.Training;

public partial class Sequential<T>
{
    /// <summary>
    /// Computes the loss on <paramref name="x"/> and <paramref name="y"/>, taken as one batch, and its gradient with
    /// respect to every parameter, without updating anything: the parameters, the optimizer and its state are left
    /// as they were. The gradients land in <see cref="Gradients"/> (and in each Dense layer's
    /// <see cref="Dense{T}.WeightGradients"/> and <see cref="Dense{T}.BiasGradients"/>).
    /// </summary>
    /// <remarks>
    /// The gradient is that of the whole objective, data loss plus L2/L1 penalty, averaged over the rows as in a training
    /// step. Dropout layers drop as in training, with the masks of <paramref name="epoch"/>: every call with the same
    /// arguments computes the same function, so finite differences can check it (see
    /// <see cref="Diagnostics.GradientCheck"/>). The compiled metrics are not updated.
    /// </remarks>
    /// <param name="x">Inputs, rows × features, finite.</param>
    /// <param name="y">Targets, as for Fit.</param>
    /// <param name="epoch">The epoch whose dropout masks to use (0-based); irrelevant without dropout.</param>
    /// <returns>The data loss and the penalty.</returns>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="ArgumentException">Empty or mismatched data, or NaN values.</exception>
    /// <example>
    /// <code>
    /// LossBreakdown loss = model.ComputeGradients(xBatch, yBatch);
    /// ReadOnlySpan&lt;float&gt; dW = ((Dense)model.Layers[0]).WeightGradients;
    /// </code>
    /// </example>
    public LossBreakdown ComputeGradients(Matrix<T> x, Matrix<T> y, int epoch = 0)
    {
        CheckCompiled();
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        CheckData(x, y, "training");
        PrepareTraining(x.Rows);
        for (int i = 0; i < _layers.Count; i++)
        {
            _layers[i].StartEpoch(Seed, epoch, i);
        }

        x.Data.CopyTo(_activations[0], 0);
        y.Data.CopyTo(_batchTargets, 0);
        var (dataLoss, penalty) = ForwardBackward(x.Rows, updateMetrics: false);
        return new LossBreakdown(dataLoss, penalty);
    }

    /// <summary>The objective (data loss + penalty) and its gradients on one batch; see <see cref="ComputeGradients"/>.</summary>
    internal double ComputeLossAndGradients(Matrix<T> x, Matrix<T> y) => ComputeGradients(x, y).Total;

    /// <summary>Where each layer's parameters start in <see cref="Parameters"/> and <see cref="Gradients"/>.</summary>
    internal int ParameterOffset(int layerIndex)
    {
        int offset = 0;
        for (int i = 0; i < layerIndex; i++)
        {
            offset += _layers[i].ParameterCount;
        }

        return offset;
    }

    /// <summary>Whether some layer adds a penalty to the loss (then training logs it as "penalty").</summary>
    private bool HasPenalty => _layers.Exists(layer => layer is Dense<T> { L2: > 0 } or Dense<T> { L1: > 0 });
}
