using System.Numerics;

namespace Perceptron.Tensors;

/// <summary>A dense row-major matrix over one contiguous array: the engine's unit of data.</summary>
/// <typeparam name="T">The element type: <see cref="float"/> for training, <see cref="double"/> for exact checks.</typeparam>
/// <remarks>Element [r, c] lives at <c>Data[r * Columns + c]</c>. A matrix with zero rows is allowed (an empty batch).</remarks>
public sealed class Matrix<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a zero-filled matrix.</summary>
    /// <param name="rows">Number of rows, ≥ 0.</param>
    /// <param name="columns">Number of columns, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or rows × columns overflows.</exception>
    public Matrix(int rows, int columns)
        : this(rows, columns, new T[CheckedLength(rows, columns)])
    {
    }

    /// <summary>Wraps an existing row-major array without copying it.</summary>
    /// <param name="rows">Number of rows, ≥ 0.</param>
    /// <param name="columns">Number of columns, ≥ 0.</param>
    /// <param name="data">Row-major values; exactly <c>rows × columns</c> long.</param>
    /// <exception cref="ArgumentException"><paramref name="data"/> has the wrong length.</exception>
    public Matrix(int rows, int columns, T[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != CheckedLength(rows, columns))
        {
            throw new ArgumentException($"A {rows}×{columns} matrix needs {(long)rows * columns} values; got {data.Length}.", nameof(data));
        }

        Rows = rows;
        Columns = columns;
        Data = data;
    }

    /// <summary>Copies a two-dimensional array.</summary>
    /// <param name="values">The values, <c>[rows, columns]</c>.</param>
    public Matrix(T[,] values)
        : this(values?.GetLength(0) ?? 0, values?.GetLength(1) ?? 0)
    {
        ArgumentNullException.ThrowIfNull(values);
        int i = 0;
        foreach (T value in values)
        {
            Data[i++] = value;
        }
    }

    /// <summary>Number of rows (samples, for a batch).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (features or units).</summary>
    public int Columns { get; }

    /// <summary>The row-major backing array, <c>Rows × Columns</c> long.</summary>
    public T[] Data { get; }

    /// <summary>The shape as text, e.g. "32×784".</summary>
    public string Shape => $"{Rows}×{Columns}";

    /// <summary>Gets or sets element [row, column].</summary>
    /// <param name="row">Row index.</param>
    /// <param name="column">Column index.</param>
    public T this[int row, int column]
    {
        get => Data[Index(row, column)];
        set => Data[Index(row, column)] = value;
    }

    /// <summary>One row as a span over the backing array.</summary>
    /// <param name="row">Row index.</param>
    /// <returns>The <see cref="Columns"/> values of that row.</returns>
    public Span<T> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        return Data.AsSpan(row * Columns, Columns);
    }

    /// <summary>All values as one span, row-major.</summary>
    /// <returns>A span over <see cref="Data"/>.</returns>
    public Span<T> AsSpan() => Data;

    /// <summary>Builds a matrix from rows that must all have the same length.</summary>
    /// <param name="rows">The rows; at least one.</param>
    /// <returns>A new matrix holding a copy of the rows.</returns>
    /// <exception cref="ArgumentException">No rows, or rows of different lengths.</exception>
    public static Matrix<T> FromRows(IReadOnlyList<T[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("At least one row is needed.", nameof(rows));
        }

        int columns = rows[0].Length;
        var matrix = new Matrix<T>(rows.Count, columns);
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != columns)
            {
                throw new ArgumentException($"Row {r} has {rows[r].Length} values but row 0 has {columns}; all rows must have the same length.", nameof(rows));
            }

            rows[r].CopyTo(matrix.Data, r * columns);
        }

        return matrix;
    }

    /// <summary>Builds a matrix from jagged rows (e.g. <c>float[][]</c>), converting each value to <typeparamref name="T"/>.</summary>
    /// <typeparam name="TValue">The rows' element type, e.g. <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="rows">The rows; at least one, all of the same length.</param>
    /// <returns>A new matrix holding a copy of the values.</returns>
    /// <exception cref="ArgumentException">No rows, or rows of different lengths (naming the row).</exception>
    /// <example><code>var x = Matrix&lt;float&gt;.FromRows(new double[][] { [0.1, 0.2], [0.3, 0.4] });</code></example>
    public static Matrix<T> FromRows<TValue>(IReadOnlyList<TValue[]> rows)
        where TValue : INumberBase<TValue>
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("At least one row is needed.", nameof(rows));
        }

        int columns = rows[0]?.Length ?? 0;
        var matrix = new Matrix<T>(rows.Count, columns);
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r] is null || rows[r].Length != columns)
            {
                throw new ArgumentException($"Row {r} has {rows[r]?.Length ?? 0} values but row 0 has {columns}; all rows must have the same length.", nameof(rows));
            }

            for (int c = 0; c < columns; c++)
            {
                matrix.Data[r * columns + c] = T.CreateChecked(rows[r][c]);
            }
        }

        return matrix;
    }

    /// <summary>Copies row-major values from a span into a new <paramref name="rows"/> × <paramref name="columns"/> matrix.</summary>
    /// <param name="values">Exactly <c>rows × columns</c> values, row-major.</param>
    /// <param name="rows">Number of rows, ≥ 0.</param>
    /// <param name="columns">Number of columns, ≥ 0.</param>
    /// <returns>A new matrix holding a copy of the values.</returns>
    /// <exception cref="ArgumentException">The span's length is not rows × columns.</exception>
    public static Matrix<T> FromSpan(ReadOnlySpan<T> values, int rows, int columns)
    {
        var matrix = new Matrix<T>(rows, columns);
        if (values.Length != matrix.Data.Length)
        {
            throw new ArgumentException($"A {rows}×{columns} matrix needs {matrix.Data.Length} values; got {values.Length}.", nameof(values));
        }

        values.CopyTo(matrix.Data);
        return matrix;
    }

    /// <summary>A deep copy.</summary>
    /// <returns>A new matrix with a copy of the values.</returns>
    public Matrix<T> Clone() => new(Rows, Columns, (T[])Data.Clone());

    /// <summary>A new matrix holding the given rows, in the given order.</summary>
    /// <param name="rowIndices">Indices of the rows to copy.</param>
    /// <returns>A <c>rowIndices.Length × Columns</c> matrix.</returns>
    public Matrix<T> SelectRows(ReadOnlySpan<int> rowIndices)
    {
        var result = new Matrix<T>(rowIndices.Length, Columns);
        for (int i = 0; i < rowIndices.Length; i++)
        {
            Row(rowIndices[i]).CopyTo(result.Data.AsSpan(i * Columns, Columns));
        }

        return result;
    }

    /// <summary>Describes the matrix by its shape, e.g. "Matrix&lt;Single&gt;(32×784)".</summary>
    /// <returns>The type and shape.</returns>
    public override string ToString() => $"Matrix<{typeof(T).Name}>({Shape})";

    private int Index(int row, int column)
    {
        if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"[{row}, {column}] is outside a {Shape} matrix.");
        }

        return row * Columns + column;
    }

    private static int CheckedLength(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        long length = (long)rows * columns;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"A {rows}×{columns} matrix is too large for one array.");
        }

        return (int)length;
    }
}
