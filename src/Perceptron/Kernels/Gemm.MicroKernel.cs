using System.Numerics;

namespace Perceptron.Kernels;

/// <summary>
/// A register-blocked GEMM micro-kernel: C tile (rows×<see cref="Nr"/>, row stride ldc) (+)= Ã·B̃, where Ã is a
/// packed A micro-panel (kc×<see cref="Mr"/>: for each p, <see cref="Mr"/> values of column p of A) and B̃ a packed
/// B micro-panel (kc×<see cref="Nr"/>: for each p, <see cref="Nr"/> values of row p of B).
/// </summary>
/// <remarks>
/// Each element of C gets exactly the same operations whatever the tile size or position: a sum that starts
/// from 0 and receives one fused multiply-add per p, in order, then one addition of C's value when loadC.
/// That is what makes results independent of how the product is split over threads.
/// </remarks>
internal unsafe interface IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows of the register tile (broadcast from Ã).</summary>
    static abstract int Mr { get; }

    /// <summary>Columns of the register tile (whole vectors loaded from B̃).</summary>
    static abstract int Nr { get; }

    /// <summary>Computes one tile of <paramref name="rows"/> ≤ <see cref="Mr"/> rows and all <see cref="Nr"/> columns.</summary>
    /// <param name="rows">Rows of C to compute, 1..<see cref="Mr"/>.</param>
    /// <param name="kc">Length of the dot products, ≥ 1.</param>
    /// <param name="a">Packed A micro-panel, kc×<see cref="Mr"/>.</param>
    /// <param name="b">B micro-panel: kc rows of <see cref="Nr"/> values, packed or straight from B.</param>
    /// <param name="ldb">Row stride of <paramref name="b"/>, in elements: <see cref="Nr"/> when packed.</param>
    /// <param name="c">Top-left of the C tile.</param>
    /// <param name="ldc">Row stride of C, in elements.</param>
    /// <param name="loadC">Add to C's values (true) or overwrite them (false).</param>
    static abstract void Multiply(int rows, int kc, T* a, T* b, int ldb, T* c, int ldc, bool loadC);
}

/// <summary>A row count known to the JIT: the micro-kernels are instantiated once per count, so the code for
/// unused rows disappears and an edge tile of 4 rows costs 4 rows, not <c>Mr</c>.</summary>
internal interface IRowCount
{
    /// <summary>The number of rows.</summary>
    static abstract int Count { get; }
}

#pragma warning disable CA1812 // instantiated only as generic type arguments
internal readonly struct Rows1 : IRowCount { public static int Count => 1; }
internal readonly struct Rows2 : IRowCount { public static int Count => 2; }
internal readonly struct Rows3 : IRowCount { public static int Count => 3; }
internal readonly struct Rows4 : IRowCount { public static int Count => 4; }
internal readonly struct Rows5 : IRowCount { public static int Count => 5; }
internal readonly struct Rows6 : IRowCount { public static int Count => 6; }
internal readonly struct Rows7 : IRowCount { public static int Count => 7; }
internal readonly struct Rows8 : IRowCount { public static int Count => 8; }
internal readonly struct Rows9 : IRowCount { public static int Count => 9; }
internal readonly struct Rows10 : IRowCount { public static int Count => 10; }
internal readonly struct Rows11 : IRowCount { public static int Count => 11; }
internal readonly struct Rows12 : IRowCount { public static int Count => 12; }
internal readonly struct Rows13 : IRowCount { public static int Count => 13; }
internal readonly struct Rows14 : IRowCount { public static int Count => 14; }
#pragma warning restore CA1812
