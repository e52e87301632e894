// The reference GEMM: three plain loops, no blocking, no SIMD. It is the oracle every fast variant is
// tested against and the fallback for shapes the fast code does not handle.

using System.Numerics;

namespace Perceptron.Kernels;

internal static partial class Gemm
{
    /// <summary>C (m×n) = op(A)·op(B) (+ C when <paramref name="accumulate"/>), with plain loops.</summary>
    public static void MultiplyReference<T>(
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int n, int k,
        bool transposeA, bool transposeB, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    T aValue = transposeA ? a[p * m + i] : a[i * k + p];
                    T bValue = transposeB ? b[j * k + p] : b[p * n + j];
                    sum += aValue * bValue;
                }

                c[i * n + j] = accumulate ? c[i * n + j] + sum : sum;
            }
        }
    }
}
