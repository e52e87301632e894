namespace Perceptron.Data;

/// <summary>Rows of floats of one width, appended while a file is read and copied once into their final array.</summary>
/// <remarks>
/// Rows go into fixed-size chunks rather than one growing list: a list doubles and copies everything it holds each
/// time it fills (for a 10-million-cell file, 40 MB more copied and as much fresh memory faulted in), a chunk never
/// moves. Chunks are not zeroed first, since every row is written in full by its caller.
/// </remarks>
internal sealed class RowStore(int width)
{
    /// <summary>About 1 MB of floats per chunk (at least one row).</summary>
    private readonly int _rowsPerChunk = Math.Max(1, (1 << 18) / Math.Max(1, width));
    private readonly List<float[]> _chunks = [];

    /// <summary>Values per row.</summary>
    public int Width { get; } = width;

    /// <summary>Rows appended so far.</summary>
    public int Rows { get; private set; }

    /// <summary>Room for one more row, to be filled in full by the caller.</summary>
    public Span<float> Append()
    {
        int slot = Rows % _rowsPerChunk;
        if (slot == 0)
        {
            _chunks.Add(GC.AllocateUninitializedArray<float>(_rowsPerChunk * Width));
        }

        Rows++;
        return _chunks[^1].AsSpan(slot * Width, Width);
    }

    /// <summary>Row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Row(int row) => _chunks[row / _rowsPerChunk].AsSpan(row % _rowsPerChunk * Width, Width);

    /// <summary>All rows, row-major, in one array of exactly <see cref="Rows"/> × <see cref="Width"/>.</summary>
    public float[] ToArray()
    {
        float[] all = GC.AllocateUninitializedArray<float>(checked(Rows * Width));
        int chunkLength = _rowsPerChunk * Width;
        for (int c = 0, offset = 0; c < _chunks.Count; c++, offset += chunkLength)
        {
            _chunks[c].AsSpan(0, Math.Min(chunkLength, all.Length - offset)).CopyTo(all.AsSpan(offset));
        }

        return all;
    }
}
