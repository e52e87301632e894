using System.Numerics;
using Perceptron.Layers;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Explain;

/// <summary>
/// Explains one training step of an engine model on a few rows (usually one): each layer's forward pass, the loss,
/// each layer's backward pass and the optimizer's update, every number computed by the engine's own layers, loss
/// and optimizer.
/// </summary>
/// <remarks>
/// <para>
/// The step is the one <c>Fit</c> would take on these rows as a batch (without gradient clipping), from the model's
/// current weights and optimizer state; afterwards the parameters and the optimizer state are put back, so the model
/// is left as it was. Dropout uses the masks of <c>epoch</c>.
/// </para>
/// <para>
/// Conventions are the engine's: values named ∂L/∂… are gradients of the objective L = data loss + penalty (with the
/// opposite sign to the classic network's e and δ), and the update subtracts.
/// </para>
/// <para>
/// Dense and Dropout layers are explained term by term; any other layer kind is shown as its parameter tensors, its
/// output, their gradients and its input gradient.
/// </para>
/// </remarks>
public static class EngineExplainer
{
    /// <summary>Explains the training step on <paramref name="x"/> and <paramref name="y"/>.</summary>
    /// <param name="model">A compiled model (not changed).</param>
    /// <param name="x">The rows' inputs, as the network sees them (scaled).</param>
    /// <param name="y">Their targets, as the loss takes them (class indices for sparse cross-entropy).</param>
    /// <param name="rows">The rows' indices in their data set (recorded, not used); 0, 1, … when null.</param>
    /// <param name="epoch">The epoch the step belongs to, from 1: it picks the dropout masks.</param>
    /// <returns>Every value of the step, in order.</returns>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="ArgumentException">The data does not fit the model.</exception>
    public static StepExplanation Explain<T>(Sequential<T> model, Matrix<T> x, Matrix<T> y, IReadOnlyList<int>? rows = null, int epoch = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(epoch, 1);

        // Checks the data, builds the model and sizes its training buffers for these rows.
        model.ComputeGradients(x, y, epoch - 1);
        var optimizer = model.Optimizer!;
        object parametersBefore = model.SnapshotParameters();
        var stateBefore = optimizer.State.Select(buffer => (Array)buffer.Clone()).ToArray();
        long iterationsBefore = optimizer.Iterations;
        try
        {
            var step = new EngineStep<T>(model, x.Rows);
            step.Run(x, y, epoch);
            return new StepExplanation
            {
                Network = "engine",
                Model = $"{model}: {string.Join(", ", model.Layers.Select(l => l.ToString()))}",
                Precision = typeof(T) == typeof(float) ? "float32" : "float64",
                Rows = rows ?? [.. Enumerable.Range(0, x.Rows)],
                Epoch = epoch,
                Loss = model.Loss!.Name,
                Optimizer = optimizer.Name,
                Settings = optimizer.Settings,
                Values = step.Values.Values,
            };
        }
        finally
        {
            model.RestoreParameters(parametersBefore);
            optimizer.State = stateBefore;
            optimizer.Iterations = iterationsBefore;
        }
    }
}
