"""Generates src/Perceptron/Kernels/Gemm.RowStreaming512.cs and Gemm.RowStreaming256.cs (the row-streaming GEMM
kernels for few rows) from one template, so the two widths stay identical but for their intrinsics.

    python3 tools/kernels/row_streaming.py 512 > src/Perceptron/Kernels/Gemm.RowStreaming512.cs
    python3 tools/kernels/row_streaming.py 256 > src/Perceptron/Kernels/Gemm.RowStreaming256.cs

Edit this script, not the generated files; GemmTests check the result against the reference kernel.
(The blocked micro-kernels Gemm.MicroKernel512/256.cs were generated once by a script that was not kept; edit them by hand.)
"""
import sys
W = sys.argv[1]  # 512 or 256
ISA = "Avx512F" if W == "512" else "Avx"
LOADF = f"Avx512F.MaskLoad((float*)p, mask.AsSingle(), Vector512<float>.Zero)" if W == "512" else "Avx.MaskLoad((float*)p, mask.AsSingle())"
LOADD = f"Avx512F.MaskLoad((double*)p, mask.AsDouble(), Vector512<double>.Zero)" if W == "512" else "Avx.MaskLoad((double*)p, mask.AsDouble())"
R, V = 4, 8
L = []
o = L.append
o(f"""using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Perceptron.Kernels;

/// <summary>The Vector{W} row-streaming kernel (see <see cref="Gemm"/>'s <c>MultiplyRowStreaming</c>): up to 4 rows of C
/// against B read in place, row by row, {V} vectors of columns at a time.</summary>
/// <remarks>
/// Each step p broadcasts op(A)[i, p] for the strip's rows and issues one FMA per row and vector of B's row p, so
/// a strip of R rows × V vectors keeps R·V independent chains in flight (8 to 24, enough to hide the FMA latency;
/// 1 row × 8 vectors is the single-sample case). Every element of C gets exactly the arithmetic of
/// <see cref="IGemmMicroKernel{{T}}"/>: a sum from zero with one fused multiply-add per p in order, then one
/// addition of C's value when loadC. So results are bit-identical to the blocked GEMM's.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
internal readonly unsafe struct RowStreaming{W}<T> : IRowStreamingKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{{
    /// <inheritdoc/>
    public static int Lanes => Vector{W}<T>.Count;

    /// <inheritdoc/>
    public static void Multiply(int rows, int kc, T* a, nint rowStride, nint pStride, T* b, nint ldb, T* c, nint ldc, int vectors, bool loadC)
    {{
        switch (rows)
        {{
            case 1: Row<Rows1, Rows8>(kc, a, rowStride, pStride, b, ldb, c, ldc, vectors, loadC); break;
            case 2: Row<Rows2, Rows8>(kc, a, rowStride, pStride, b, ldb, c, ldc, vectors, loadC); break;
            case 3: Row<Rows3, Rows8>(kc, a, rowStride, pStride, b, ldb, c, ldc, vectors, loadC); break;
            case 4: Row<Rows4, Rows4>(kc, a, rowStride, pStride, b, ldb, c, ldc, vectors, loadC); break;
            default: throw new ArgumentOutOfRangeException(nameof(rows));
        }}
    }}

    // `vectors` whole vectors of columns: strips of TWidest vectors, then one of 4, 2 and 1 for the rest.
    private static void Row<TRows, TWidest>(int kc, T* a, nint rowStride, nint pStride, T* b, nint ldb, T* c, nint ldc, int vectors, bool loadC)
        where TRows : struct, IRowCount
        where TWidest : struct, IRowCount
    {{
        int lanes = Vector{W}<T>.Count, v = 0;
        for (; v + TWidest.Count <= vectors; v += TWidest.Count)
        {{
            Strip<TRows, TWidest>(kc, a, rowStride, pStride, b + (v * lanes), ldb, c + (v * lanes), ldc, loadC);
        }}

        if (TWidest.Count > 4 && v + 4 <= vectors)
        {{
            Strip<TRows, Rows4>(kc, a, rowStride, pStride, b + (v * lanes), ldb, c + (v * lanes), ldc, loadC);
            v += 4;
        }}

        if (v + 2 <= vectors)
        {{
            Strip<TRows, Rows2>(kc, a, rowStride, pStride, b + (v * lanes), ldb, c + (v * lanes), ldc, loadC);
            v += 2;
        }}

        if (v < vectors)
        {{
            Strip<TRows, Rows1>(kc, a, rowStride, pStride, b + (v * lanes), ldb, c + (v * lanes), ldc, loadC);
        }}
    }}

    // One body for every strip shape: TRows.Count and TVectors.Count are JIT-time constants, so the `if`s fold
    // away and only the live accumulators stay in registers (at most 24, no spills).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Strip<TRows, TVectors>(int kc, T* a, nint rowStride, nint pStride, T* b, nint ldb, T* c, nint ldc, bool loadC)
        where TRows : struct, IRowCount
        where TVectors : struct, IRowCount
    {{
        int lanes = Vector{W}<T>.Count;""")
for r in range(R):
    o("        Vector%s<T> %s;" % (W, ", ".join(f"c{r}{v} = default" for v in range(V))))
o("""
        for (; kc > 0; kc--)
        {""")
o(f"            Vector{W}<T> a0 = Vector{W}.Create(a[0]);")
for r in range(1, R):
    o(f"            Vector{W}<T> a{r} = TRows.Count > {r} ? Vector{W}.Create(a[{r} * rowStride]) : default;")
for v in range(V):
    fm = " ".join(([f"c0{v} = Fma(a0, bv, c0{v});"] + [f"if (TRows.Count > {r}) {{ c{r}{v} = Fma(a{r}, bv, c{r}{v}); }}" for r in range(1, R)]))
    load = f"Vector{W}.Load(b{'' if v == 0 else f' + ({v} * lanes)'})"
    if v == 0:
        o(f"            Vector{W}<T> bv = {load}; {fm}")
    else:
        o(f"            if (TVectors.Count > {v}) {{ bv = {load}; {fm} }}")
o("""            a += pStride;
            b += ldb;
        }

        if (loadC)
        {""")
for r in range(R):
    for v in range(V):
        addr = "c" + ("" if r == 0 else f" + ({r} * ldc)") + ("" if v == 0 else f" + ({v} * lanes)")
        cond = " && ".join(x for x in ([f"TRows.Count > {r}"] if r else []) + ([f"TVectors.Count > {v}"] if v else []))
        stmt = f"c{r}{v} += Vector{W}.Load({addr});"
        o(f"            if ({cond}) {{ {stmt} }}" if cond else f"            {stmt}")
o("        }\n")
for r in range(R):
    for v in range(V):
        addr = "c" + ("" if r == 0 else f" + ({r} * ldc)") + ("" if v == 0 else f" + ({v} * lanes)")
        cond = " && ".join(x for x in ([f"TRows.Count > {r}"] if r else []) + ([f"TVectors.Count > {v}"] if v else []))
        stmt = f"c{r}{v}.Store({addr});"
        o(f"        if ({cond}) {{ {stmt} }}" if cond else f"        {stmt}")
o(f"""    }}

    /// <inheritdoc/>
    public static void MultiplyTail(int rows, int kc, T* a, nint rowStride, nint pStride, T* b, nint ldb, T* c, nint ldc, int columns, bool loadC)
    {{
        switch (rows)
        {{
            case 1: Tail<Rows1>(kc, a, rowStride, pStride, b, ldb, c, ldc, columns, loadC); break;
            case 2: Tail<Rows2>(kc, a, rowStride, pStride, b, ldb, c, ldc, columns, loadC); break;
            case 3: Tail<Rows3>(kc, a, rowStride, pStride, b, ldb, c, ldc, columns, loadC); break;
            case 4: Tail<Rows4>(kc, a, rowStride, pStride, b, ldb, c, ldc, columns, loadC); break;
            default: throw new ArgumentOutOfRangeException(nameof(rows));
        }}
    }}

    // The last columns (fewer than a vector): the same chains as a one-vector strip, with B and C read and C
    // written through a mask, so nothing past the columns is touched (masked-off lanes never fault).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tail<TRows>(int kc, T* a, nint rowStride, nint pStride, T* b, nint ldb, T* c, nint ldc, int columns, bool loadC)
        where TRows : struct, IRowCount
    {{
        Vector{W}<T> mask = Vector{W}.LessThan(Vector{W}<T>.Indices, Vector{W}.Create(T.CreateTruncating(columns)));
        Vector{W}<T> c0 = default, c1 = default, c2 = default, c3 = default;
        for (; kc > 0; kc--)
        {{
            Vector{W}<T> bv = MaskLoad(b, mask);
            c0 = Fma(Vector{W}.Create(a[0]), bv, c0);
            if (TRows.Count > 1) {{ c1 = Fma(Vector{W}.Create(a[rowStride]), bv, c1); }}
            if (TRows.Count > 2) {{ c2 = Fma(Vector{W}.Create(a[2 * rowStride]), bv, c2); }}
            if (TRows.Count > 3) {{ c3 = Fma(Vector{W}.Create(a[3 * rowStride]), bv, c3); }}
            a += pStride;
            b += ldb;
        }}

        if (loadC)
        {{
            c0 += MaskLoad(c, mask);
            if (TRows.Count > 1) {{ c1 += MaskLoad(c + ldc, mask); }}
            if (TRows.Count > 2) {{ c2 += MaskLoad(c + (2 * ldc), mask); }}
            if (TRows.Count > 3) {{ c3 += MaskLoad(c + (3 * ldc), mask); }}
        }}

        MaskStore(c, mask, c0);
        if (TRows.Count > 1) {{ MaskStore(c + ldc, mask, c1); }}
        if (TRows.Count > 2) {{ MaskStore(c + (2 * ldc), mask, c2); }}
        if (TRows.Count > 3) {{ MaskStore(c + (3 * ldc), mask, c3); }}
    }}

    // a·b + c in one rounding; the typeof tests are JIT-time constants, so only one line survives.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector{W}<T> Fma(Vector{W}<T> a, Vector{W}<T> b, Vector{W}<T> c)
    {{
        if (typeof(T) == typeof(float))
        {{
            return Vector{W}.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }}

        return Vector{W}.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
    }}

    // Loads the lanes of `mask` from p, zero elsewhere; lanes outside the mask are never read.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector{W}<T> MaskLoad(T* p, Vector{W}<T> mask)
    {{
        if (typeof(T) == typeof(float))
        {{
            return {LOADF}.As<float, T>();
        }}

        return {LOADD}.As<double, T>();
    }}

    // Stores the lanes of `mask` to p; memory outside the mask is never written.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MaskStore(T* p, Vector{W}<T> mask, Vector{W}<T> value)
    {{
        if (typeof(T) == typeof(float))
        {{
            {ISA}.MaskStore((float*)p, mask.AsSingle(), value.AsSingle());
        }}
        else
        {{
            {ISA}.MaskStore((double*)p, mask.AsDouble(), value.AsDouble());
        }}
    }}
}}""")
print("\n".join(L))
