using System.Numerics;
using System.Numerics.Tensors;

namespace Perceptron.Activations;

/// <summary>Softmax over each row, computed stably as e^{z_i − max z} / Σ_j e^{z_j − max z}.</summary>
/// <remarks>
/// Paired with a cross-entropy loss, the engine skips <see cref="Backward{T}"/> and lets the loss return
/// p − y directly (the fused, stable gradient).
/// </remarks>
public sealed class Softmax : Activation
{
    internal Softmax()
    {
    }

    /// <inheritdoc/>
    public override string Name => "softmax";

    /// <inheritdoc/>
    public override bool BackwardNeedsPreActivation => false;

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int columns)
    {
        for (int start = 0; start < a.Length; start += columns)
        {
            ReadOnlySpan<T> zRow = z.Slice(start, columns);
            Span<T> aRow = a.Slice(start, columns);
            // Subtracting the row maximum keeps every exponent ≤ 0: no overflow, same result.
            T max = TensorPrimitives.Max(zRow);
            TensorPrimitives.Subtract(zRow, max, aRow);
            TensorPrimitives.Exp(aRow, aRow);
            T sum = TensorPrimitives.Sum<T>(aRow);
            TensorPrimitives.Divide(aRow, sum, aRow);
        }
    }

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> dA, Span<T> dZ, int columns)
    {
        for (int start = 0; start < dZ.Length; start += columns)
        {
            ReadOnlySpan<T> aRow = a.Slice(start, columns);
            ReadOnlySpan<T> dARow = dA.Slice(start, columns);
            Span<T> dZRow = dZ.Slice(start, columns);
            // dz_i = a_i (da_i − Σ_j da_j a_j): the softmax Jacobian times dA, without forming the Jacobian.
            T dot = TensorPrimitives.Dot(dARow, aRow);
            for (int i = 0; i < columns; i++)
            {
                dZRow[i] = aRow[i] * (dARow[i] - dot);
            }
        }
    }
}
