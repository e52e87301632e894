using Perceptron.Tensors;
using Perceptron.Training.Callbacks;

namespace Perceptron.Training;

public partial class Sequential<T>
{
    /// <summary>Trains the model on a thread-pool thread, reporting each finished epoch; see <see cref="Fit(Matrix{T}, Matrix{T}, TrainingOptions, Matrix{T}?, Matrix{T}?)"/>.</summary>
    /// <param name="x">Training inputs, rows × features, finite.</param>
    /// <param name="y">Training targets, rows × outputs.</param>
    /// <param name="options">Epochs, batch size, validation, callbacks, …; its own token is honoured too.</param>
    /// <param name="progress">Receives each epoch's number and logs as it ends (through the progress's own context), or null.</param>
    /// <param name="cancellationToken">Stops training after the current batch; the task then ends as cancelled.</param>
    /// <returns>The history, as <c>Fit</c> returns it.</returns>
    /// <exception cref="OperationCanceledException">Training was cancelled.</exception>
    /// <example><code>
    /// History history = await model.FitAsync(x, y, new TrainingOptions { Epochs = 50 },
    ///     new Progress&lt;EpochResult&gt;(epoch =&gt; Console.WriteLine($"{epoch.Epoch}: {epoch.Logs["loss"]:F4}")), token);
    /// </code></example>
    public Task<History> FitAsync(Matrix<T> x, Matrix<T> y, TrainingOptions options, IProgress<EpochResult>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Task.Run(() =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, cancellationToken);
            var callbacks = progress is null ? options.Callbacks : [.. options.Callbacks, new ProgressReporter(progress)];
            return Fit(x, y, options with { Callbacks = callbacks, CancellationToken = linked.Token });
        }, cancellationToken);
    }
}
