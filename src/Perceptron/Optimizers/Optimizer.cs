using System.Globalization;
using System.Numerics;
using Perceptron.Core;

namespace Perceptron.Optimizers;

/// <summary>Updates a model's parameters from their gradients, one training step at a time.</summary>
/// <remarks>
/// The model keeps all parameters in one contiguous buffer and all gradients in another, so an optimizer
/// sees two spans and updates them element by element. State (moments, velocities) is allocated on the first
/// step and reused afterwards: no allocation per step. An optimizer instance belongs to one model.
/// </remarks>
public abstract class Optimizer
{
    private double _learningRate;
    private object? _update; // Update<T> bound to a delegate once (see Core/EngineDelegates.cs)
    private readonly Lock _stateLock = new();

    /// <summary>Sets the initial learning rate.</summary>
    /// <param name="learningRate">Step size η, finite and &gt; 0.</param>
    protected Optimizer(double learningRate)
    {
        LearningRate = learningRate;
        InitialLearningRate = learningRate;
    }

    /// <summary>The optimizer's name, e.g. "adam".</summary>
    public abstract string Name { get; }

    /// <summary>The learning rate given at construction (schedules scale from it).</summary>
    public double InitialLearningRate { get; }

    /// <summary>The current learning rate η, which a schedule may change between epochs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite or not &gt; 0.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be a finite number greater than 0.");
    }

    /// <summary>Steps taken so far (t in the bias corrections of Adam).</summary>
    public long Iterations { get; protected internal set; }

    /// <summary>Applies one update: parameters ← parameters − step(gradients).</summary>
    /// <param name="parameters">All parameters, updated in place.</param>
    /// <param name="gradients">Their gradients (same length), averaged over the batch.</param>
    /// <exception cref="ArgumentException">The lengths differ, or differ from the previous steps'.</exception>
    public void Step<T>(Span<T> parameters, ReadOnlySpan<T> gradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (parameters.Length != gradients.Length)
        {
            throw new ArgumentException($"{parameters.Length} parameters but {gradients.Length} gradients; they must match.", nameof(gradients));
        }

        BeginStep<T>()(parameters, gradients, 0, parameters.Length);
    }

    /// <summary>Counts one step and returns the update to apply to every range of the parameters. The ranges may be
    /// updated in any order and on any thread: an element's update reads and writes only that element, its gradient and
    /// its own optimizer state.</summary>
    internal ParameterUpdate<T> BeginStep<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (_update is not ParameterUpdate<T> update)
        {
            update = Update<T>;
            _update = update;
        }

        Iterations++;
        return update;
    }

    /// <summary>Forgets all state (moments, step count), as for a fresh start.</summary>
    public virtual void Reset()
    {
        Iterations = 0;
        State = [];
    }

    /// <summary>The optimizer's hyperparameters by name (for model files and summaries).</summary>
    public abstract IReadOnlyDictionary<string, double> Settings { get; }

    /// <summary>The state buffers (for checkpoints): one array per kind of state, each as long as the parameters.</summary>
    internal Array[] State { get; set; } = [];

    /// <summary>Updates in place the parameters from <paramref name="offset"/> of the model's <paramref name="total"/>
    /// (their state is at the same offset in each state buffer); <see cref="Iterations"/> already counts this step.</summary>
    private protected abstract void Update<T>(Span<T> parameters, ReadOnlySpan<T> gradients, int offset, int total)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The part of state buffer number <paramref name="index"/> (as long as the model's <paramref name="total"/>
    /// parameters, created zero-filled on first use) that belongs to the <paramref name="length"/> parameters from
    /// <paramref name="offset"/>.</summary>
    private protected Span<T> StateBuffer<T>(int index, int total, int offset, int length)
    {
        // Parts of one step may ask at the same time on different threads: the first creates the buffer.
        lock (_stateLock)
        {
            return StateBuffer<T>(index, total).AsSpan(offset, length);
        }
    }

    private T[] StateBuffer<T>(int index, int length)
    {
        if (State.Length <= index)
        {
            var grown = new Array[index + 1];
            State.CopyTo(grown, 0);
            State = grown;
        }

        if (State[index] is not T[] buffer || buffer.Length != length)
        {
            if (State[index] is not null)
            {
                throw new ArgumentException($"This {Name} optimizer was used with {State[index].Length} parameters and now gets {length}; use one optimizer per model.");
            }

            buffer = new T[length];
            State[index] = buffer;
        }

        return buffer;
    }

    /// <summary>Describes the optimizer, e.g. "adam(learning_rate=0.001, beta1=0.9, …)".</summary>
    /// <returns>The name and settings.</returns>
    public override string ToString() =>
        $"{Name}({string.Join(", ", Settings.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}={s.Value}")))})";
}
