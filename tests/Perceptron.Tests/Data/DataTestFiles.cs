using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.ExceptionServices;
using System.Text;
using Perceptron.Data;

namespace Perceptron.Tests.Data;

/// <summary>Builds small CSV and IDX inputs in memory, and finds the committed data files and corpus.</summary>
internal static class DataTestFiles
{
    /// <summary>A copied data file (breast_cancer.csv, diabetes.csv, wine.csv) beside the test assembly.</summary>
    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Files", name);

    /// <summary>The hostile-input corpus folder beside the test assembly.</summary>
    public static string CorpusFolder => Path.Combine(AppContext.BaseDirectory, "Data", "Corpus");

    /// <summary>Loads CSV text given as a string (UTF-8, no BOM) under the name "test.csv".</summary>
    public static TabularDataset Csv(string text, CsvLoadOptions? options = null) =>
        CsvLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.csv", options);

    /// <summary>Loads CSV bytes under the name "test.csv".</summary>
    public static TabularDataset Csv(byte[] bytes, CsvLoadOptions? options = null) =>
        CsvLoader.Load(new MemoryStream(bytes), "test.csv", options);

    /// <summary>Asserts that loading the text fails, and returns the exception for its message and properties.</summary>
    public static DataFormatException CsvError(string text, CsvLoadOptions? options = null) =>
        Assert.Throws<DataFormatException>(() => Csv(text, options));

    /// <summary>An IDX images file: magic 0x803, then count, rows, columns, then pixel i = (i·37) mod 256 unless given.</summary>
    public static byte[] Images(int count, int rows, int columns, byte[]? pixels = null, int magic = IdxReader.ImagesMagic) =>
        Idx(magic, [count, rows, columns], pixels ?? Pattern(count * rows * columns));

    /// <summary>An IDX labels file: magic 0x801, then count, then label i = i mod 10 unless given.</summary>
    public static byte[] Labels(int count, byte[]? labels = null, int magic = IdxReader.LabelsMagic) =>
        Idx(magic, [count], labels ?? [.. Enumerable.Range(0, count).Select(i => (byte)(i % 10))]);

    /// <summary>The pixel pattern used by <see cref="Images"/>.</summary>
    public static byte[] Pattern(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 37 % 256))];

    /// <summary>Gzip-compresses bytes.</summary>
    public static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>How long a single hostile input may take before <see cref="Bounded"/> calls it a hang. Each takes
    /// milliseconds; the bound is thousands of times that, so no load on the machine reaches it, only a real hang
    /// (an endless loop on some input), which it then names instead of leaving the run to the hang guard.</summary>
    public static readonly TimeSpan HangBound = TimeSpan.FromMinutes(1);

    /// <summary>Runs <paramref name="action"/> on a thread of its own (not the thread pool, which parallel tests may
    /// keep busy) and rethrows what it throws; fails if it has not finished within <see cref="HangBound"/>.</summary>
    public static void Bounded(Action action)
    {
        Exception? error = null;
        var worker = new Thread(() =>
        {
            try
            {
                action();
            }
#pragma warning disable CA1031 // rethrown on the test's thread below
            catch (Exception e)
#pragma warning restore CA1031
            {
                error = e;
            }
        })
        { IsBackground = true, Name = "bounded test input" };
        worker.Start();
        if (!worker.Join(HangBound))
        {
            throw new TimeoutException($"The reader did not finish within {HangBound.TotalSeconds} s: a hang.");
        }

        if (error is not null)
        {
            ExceptionDispatchInfo.Capture(error).Throw();
        }
    }

    private static byte[] Idx(int magic, int[] sizes, byte[] data)
    {
        byte[] bytes = new byte[4 + 4 * sizes.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < sizes.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), sizes[d]);
        }

        data.CopyTo(bytes, 4 + 4 * sizes.Length);
        return bytes;
    }
}
