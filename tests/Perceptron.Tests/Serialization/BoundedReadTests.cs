using System.Text;
using Perceptron.Serialization;
using Perceptron.Tabular;

namespace Perceptron.Tests.Serialization;

/// <summary>A big file that is not JSON costs its first bytes, not its size: the syntax is checked as the file is read.
/// Asserted on bytes read and bytes allocated by the reading thread, never on time; nothing large is written to disk
/// (sparse files and a synthetic stream).</summary>
public sealed class BoundedReadTests : IDisposable
{
    private const long Gigabyte = 1L << 30;

    /// <summary>What the reader may allocate to reject a file at its start: the first chunk and an exception, with room to spare.</summary>
    private const long AllocationBound = 4L << 20;

    private readonly string _folder = Directory.CreateTempSubdirectory("perceptron-bounded-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Parse_GigabyteOfNulBytes_ReadsOnlyTheFirstChunk()
    {
        using var stream = new SyntheticStream(Gigabyte, []);

        var (e, allocated) = Measure(() => JsonFields.Parse(stream, "model.json", ModelReader.MaxFileBytes, ModelReader.MaxDepth, "a model file"));

        Assert.StartsWith("model.json: is not valid JSON at line 1, byte 1;", e.Message, StringComparison.Ordinal);
        Assert.InRange(stream.BytesRead, 1, JsonFields.FirstChunkBytes);
        Assert.InRange(allocated, 0, AllocationBound);
    }

    /// <summary>Not a prefix check: JSON that goes bad after 3 MB is rejected there, having read and kept about that much.</summary>
    [Fact]
    public void Parse_ValidJsonThenNulBytes_StopsWhereItGoesBad()
    {
        byte[] prefix = Encoding.ASCII.GetBytes("{\"layers\": [" + string.Concat(Enumerable.Repeat("12345678, ", 300_000)));
        using var stream = new SyntheticStream(Gigabyte, prefix);

        var (e, allocated) = Measure(() => JsonFields.Parse(stream, "model.json", ModelReader.MaxFileBytes, ModelReader.MaxDepth, "a model file"));

        Assert.Contains("is not valid JSON at line 1, byte 3000013;", e.Message, StringComparison.Ordinal);
        Assert.InRange(stream.BytesRead, prefix.Length, 2L * prefix.Length + JsonFields.FirstChunkBytes);
        Assert.InRange(allocated, 0, 4L * prefix.Length + AllocationBound);
    }

    [Fact]
    public void LoadModel_SparseGigabyteFileOfNulBytes_IsRejectedWithoutReadingIt()
    {
        string path = Sparse("model.json", Gigabyte);

        var (e, allocated) = Measure(() => TabularModel.Load(path));

        Assert.StartsWith("model.json: is not valid JSON at line 1, byte 1;", e.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, AllocationBound);
    }

    [Fact]
    public void LoadCheckpoint_SparseGigabyteStateFileOfNulBytes_IsRejectedWithoutReadingIt()
    {
        Sparse(TrainingCheckpoint.StateFileName, Gigabyte);

        var (e, allocated) = Measure(() => TrainingCheckpoint.Load(_folder));

        Assert.StartsWith("training-state.json: is not valid JSON at line 1, byte 1;", e.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, AllocationBound);
    }

    /// <summary>The size limit follows from the largest model: its base64 weights plus room for names and scalers.</summary>
    [Fact]
    public void MaxFileBytes_HoldsTheLargestModelsWeights()
    {
        long weights = (4L * ModelReader.MaxParameters + 2) / 3 * 4;
        Assert.InRange(ModelReader.MaxFileBytes - weights, 64L << 20, 256L << 20);
        Assert.True(CheckpointReader.MaxFileBytes <= Array.MaxLength, "the state file is read in one piece");
    }

    /// <summary>Runs <paramref name="load"/>, which must fail with a <see cref="ModelFormatException"/>, and counts what this thread allocated meanwhile.</summary>
    private static (ModelFormatException Error, long Allocated) Measure(Func<object> load)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ModelFormatException>(() => load());
        return (error, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>A file of <paramref name="length"/> NUL bytes that takes no disk space where the file system supports holes.</summary>
    private string Sparse(string name, long length)
    {
        string path = Path.Combine(_folder, name);
        using var stream = File.Create(path);
        stream.SetLength(length);
        return path;
    }

    /// <summary>A read-only stream of <paramref name="prefix"/> then NUL bytes up to <paramref name="length"/>, never stored; counts the bytes read.</summary>
    private sealed class SyntheticStream(long length, byte[] prefix) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, length - BytesRead);
            var destination = buffer.AsSpan(offset, n);
            destination.Clear();
            if (BytesRead < prefix.Length)
            {
                prefix.AsSpan((int)BytesRead, Math.Min(n, prefix.Length - (int)BytesRead)).CopyTo(destination);
            }

            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
