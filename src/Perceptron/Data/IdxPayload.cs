using System.Buffers.Binary;
using System.IO.Compression;

namespace Perceptron.Data;

/// <summary>Reads one IDX file, raw or gzip: checks the magic number and every declared size before trusting them.</summary>
/// <remarks>
/// Layout (big-endian): magic 00 00 08 D (unsigned bytes, D dimensions), then D int32 sizes, then the bytes.
/// Raw seekable input is checked against its length before any allocation. Gzip input cannot be measured, so
/// the buffer grows only as decompressed bytes actually arrive, up to the declared size, which is itself capped.
/// </remarks>
internal static class IdxPayload
{
    /// <summary>The first buffer for data of unknown real length; it doubles as bytes arrive.</summary>
    private const int InitialChunk = 1 << 20;

    /// <summary>Reads the header and data of an IDX file.</summary>
    /// <param name="stream">The file's bytes.</param>
    /// <param name="source">The file name for messages.</param>
    /// <param name="expectedMagic">0x00000803 for images, 0x00000801 for labels.</param>
    /// <param name="dimensionNames">A name per dimension, for messages ("images", "rows", "columns").</param>
    /// <param name="maxBytes">The cap on the declared data size.</param>
    /// <returns>The declared sizes and exactly the declared data.</returns>
    public static (int[] Sizes, byte[] Data) Read(Stream stream, string source, int expectedMagic, string[] dimensionNames, long maxBytes)
    {
        Stream input = OpenMaybeGzip(stream, out bool gzip);
        try
        {
            int[] sizes = ReadHeader(input, source, expectedMagic, dimensionNames, gzip);
            long declared = DeclaredBytes(sizes, dimensionNames, source, maxBytes);
            if (!gzip && stream.CanSeek)
            {
                CheckLength(stream.Length - stream.Position, declared, source);
            }

            byte[] data = ReadData(input, declared, source, gzip);
            if (input.ReadByte() >= 0)
            {
                throw new DataFormatException(source, $"more data follows the {MessageText.Count(declared)} bytes that the header declares; the header or the file is wrong");
            }

            return (sizes, data);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new DataFormatException(source, $"the gzip data is corrupt or truncated ({e.Message.TrimEnd('.')})", innerException: e);
        }
        finally
        {
            if (gzip)
            {
                input.Dispose();
            }
        }
    }

    /// <summary>Peeks at the first two bytes: gzip's magic 1f 8b means decompress, whatever the file is called.</summary>
    internal static Stream OpenMaybeGzip(Stream stream, out bool gzip)
    {
        byte[] head = new byte[2];
        int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        Stream input = stream;
        if (stream.CanSeek)
        {
            stream.Seek(-n, SeekOrigin.Current);
        }
        else
        {
            input = new PrefixedStream(head[..n], stream);
        }

        gzip = n == 2 && head[0] == 0x1f && head[1] == 0x8b;
        return gzip ? new GZipStream(input, CompressionMode.Decompress, leaveOpen: true) : input;
    }

    private static int[] ReadHeader(Stream input, string source, int expectedMagic, string[] dimensionNames, bool gzip)
    {
        byte[] header = new byte[4 + 4 * dimensionNames.Length];
        int n = input.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        int magic = n >= 4 ? BinaryPrimitives.ReadInt32BigEndian(header) : -1;
        if (n >= 4 && magic != expectedMagic)
        {
            throw new DataFormatException(source, $"the magic number is 0x{magic:X8} but an IDX {Kind(expectedMagic)} file starts with 0x{expectedMagic:X8}{SwapHint(magic)}");
        }

        if (n < header.Length)
        {
            throw new DataFormatException(source, $"the {(gzip ? "decompressed " : "")}data ends after {n} bytes, inside the {header.Length}-byte IDX header (the file is truncated or not IDX)");
        }

        int[] sizes = new int[dimensionNames.Length];
        for (int d = 0; d < sizes.Length; d++)
        {
            sizes[d] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + 4 * d));
            bool imageSide = d > 0; // rows and columns of an image must be ≥ 1; a count may be 0
            if (sizes[d] < (imageSide ? 1 : 0))
            {
                throw new DataFormatException(source, $"the header declares {MessageText.Count((uint)sizes[d])} {dimensionNames[d]} (as signed {sizes[d]}); expected {(imageSide ? "1 or more" : "0 or more")}");
            }
        }

        return sizes;
    }

    private static long DeclaredBytes(int[] sizes, string[] dimensionNames, string source, long maxBytes)
    {
        Int128 total = 1;
        foreach (int size in sizes)
        {
            total *= size; // three int32 factors fit easily in 128 bits
        }

        if (total > maxBytes)
        {
            string shape = string.Join(" × ", sizes.Select((s, d) => $"{MessageText.Count(s)} {dimensionNames[d]}"));
            throw new DataFormatException(source, $"the header declares {shape} = {MessageText.Count(total)} bytes, more than the limit of {MessageText.Count(maxBytes)} bytes per file (is the header corrupt?)");
        }

        return (long)total;
    }

    private static void CheckLength(long remaining, long declared, string source)
    {
        if (remaining < declared)
        {
            throw new DataFormatException(source, $"the header declares {MessageText.Count(declared)} data bytes but only {MessageText.Count(remaining)} follow (the file is truncated)");
        }

        if (remaining > declared)
        {
            throw new DataFormatException(source, $"the header declares {MessageText.Count(declared)} data bytes but {MessageText.Count(remaining)} follow; the header or the file is wrong");
        }
    }

    private static byte[] ReadData(Stream input, long declared, string source, bool gzip)
    {
        byte[] data = new byte[Math.Min(declared, InitialChunk)];
        int filled = 0;
        while (filled < declared)
        {
            if (filled == data.Length)
            {
                Array.Resize(ref data, (int)Math.Min(declared, 2L * data.Length));
            }

            int read = input.Read(data, filled, data.Length - filled);
            if (read == 0)
            {
                throw new DataFormatException(source, $"the header declares {MessageText.Count(declared)} data bytes but only {MessageText.Count(filled)} follow (the {(gzip ? "gzip stream" : "file")} is truncated)");
            }

            filled += read;
        }

        return data;
    }

    private static string Kind(int magic) => magic == IdxReader.ImagesMagic ? "images" : "labels";

    private static string SwapHint(int magic) => magic switch
    {
        IdxReader.ImagesMagic => " (this is an IDX images file: are the images and labels paths swapped?)",
        IdxReader.LabelsMagic => " (this is an IDX labels file: are the images and labels paths swapped?)",
        _ => " (not an IDX file of that kind)",
    };
}
