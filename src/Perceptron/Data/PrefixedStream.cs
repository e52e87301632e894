namespace Perceptron.Data;

/// <summary>A read-only stream that replays a few already-read bytes before the rest of an unseekable stream.</summary>
/// <remarks>Lets a reader peek at a magic number (gzip's 1f 8b) on a stream it cannot rewind.</remarks>
internal sealed class PrefixedStream(byte[] prefix, Stream rest) : ReadOnlyForwardStream
{
    private int _prefixRead;

    public override int Read(Span<byte> buffer)
    {
        if (_prefixRead < prefix.Length)
        {
            int n = Math.Min(buffer.Length, prefix.Length - _prefixRead);
            prefix.AsSpan(_prefixRead, n).CopyTo(buffer);
            _prefixRead += n;
            return n;
        }

        return rest.Read(buffer);
    }
}
