namespace Perceptron.Core;

// Calling a generic virtual method (activation.Forward<T>, loss.Compute<T>, ...) goes through the runtime's
// generic-dispatch cache, which grows, and so allocates, during the first few dozen steps. The engine instead
// binds each one once to a delegate of these types (the target is resolved when the delegate is made), so a
// training step allocates nothing.

internal delegate void ActivationForward<T>(ReadOnlySpan<T> z, Span<T> a, int columns);

internal delegate void ActivationBackward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ, int columns);

internal delegate double LossCompute<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, Span<T> gradient, int batch, int outputs);

internal delegate void MetricUpdate<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, int batch, int outputs, int targetColumns);

internal delegate void ParameterUpdate<T>(Span<T> parameters, ReadOnlySpan<T> gradients, int offset, int total);
