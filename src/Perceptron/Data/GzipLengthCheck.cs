using System.Buffers.Binary;

namespace Perceptron.Data;

/// <summary>
/// Decompressed gzip bytes, counted: at the end of the data the count must match the length the gzip trailer declares
/// (its last four bytes, the size modulo 2³²). GZipStream itself ends quietly when a file is cut short, which would
/// otherwise load a truncated CSV as if it were whole.
/// </summary>
internal sealed class GzipLengthCheck(Stream decompressed, uint declared, string source) : ReadOnlyForwardStream
{
    private long _count;

    /// <summary>Wraps <paramref name="decompressed"/> when the compressed stream can be measured (seekable); otherwise returns it as it is.</summary>
    public static Stream Wrap(Stream decompressed, Stream compressed, string source)
    {
        if (!compressed.CanSeek || compressed.Length - compressed.Position < 18)
        {
            return decompressed;
        }

        long start = compressed.Position;
        Span<byte> trailer = stackalloc byte[4];
        compressed.Seek(-4, SeekOrigin.End);
        compressed.ReadExactly(trailer);
        compressed.Position = start;
        return new GzipLengthCheck(decompressed, BinaryPrimitives.ReadUInt32LittleEndian(trailer), source);
    }

    public override int Read(Span<byte> buffer)
    {
        int read = decompressed.Read(buffer);
        _count += read;
        if (read == 0 && buffer.Length > 0 && (uint)_count != declared)
        {
            throw new DataFormatException(source, $"the gzip data is truncated or corrupt: it decompresses to {MessageText.Count(_count)} bytes but its trailer declares {MessageText.Count(declared)} (modulo 4 GiB); the file may be incomplete");
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            decompressed.Dispose();
        }

        base.Dispose(disposing);
    }
}
