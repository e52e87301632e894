using nietras.SeparatedValues;
using Perceptron.Data;

namespace Perceptron.Benchmarks.Quick;

/// <summary>
/// <c>w8 --csv FILE</c>: CSV to a float matrix, the load that <c>perceptron train big.csv</c> waits for. Ours is
/// <see cref="CsvLoader.Load(string, CsvLoadOptions?)"/> (validating every cell, naming the row and column of a bad
/// one); Sep (the fastest .NET CSV parser, from NuGet) reads the same file into a float[] row by row, single-threaded
/// and with its parallel enumeration. Median seconds of several reads, and MB/s. pandas.read_csv is the peer
/// (pandas_peer.py w8); <c>CsvBenchmarks</c> compares ours and Sep in BenchmarkDotNet.
/// </summary>
internal static class W8Csv
{
    public static int Run(string[] args)
    {
        if (Comparison.Parse(args, "w8") is not { } options)
        {
            return 2;
        }

        if (options.CsvFile is not { } path)
        {
            Console.Error.WriteLine("w8 needs --csv FILE (benchmarks/peers/tabular_data.py writes one)");
            return 2;
        }

        long size = new FileInfo(path).Length;
        int samples = options.Quick ? 2 : 5;
        TabularDataset? data = null;
        double ours = QuickTimer.MedianSeconds(() => data = CsvLoader.Load(path), samples, minBatchSeconds: 0);
        options.Record("W8-csv", "perceptron", 1, ours, "total", size / ours / 1e6, "mb_per_s",
            $"CsvLoader.Load: {data!.Rows} x {data.Features.Columns} + target, {size / 1e6:F0} MB, median of {samples}");

        float[]? values = null;
        double sep = QuickTimer.MedianSeconds(() => values = ReadWithSep(path), samples, minBatchSeconds: 0);
        options.Record("W8-csv", "sep", 1, sep, "total", size / sep / 1e6, "mb_per_s",
            $"Sep {typeof(Sep).Assembly.GetName().Version}: rows to float[] ({values!.Length} values), one thread");
        double sepParallel = QuickTimer.MedianSeconds(() => values = ReadWithSepParallel(path), samples, minBatchSeconds: 0);
        options.Record("W8-csv", "sep-parallel", Environment.ProcessorCount, sepParallel, "total", size / sepParallel / 1e6, "mb_per_s",
            "Sep ParallelEnumerate: rows to float[] on every core");
        return 0;
    }

    /// <summary>Every cell of a numeric CSV with a header, row-major, parsed by Sep on the calling thread.</summary>
    internal static float[] ReadWithSep(string path)
    {
        using var reader = Sep.Reader(o => o with { HasHeader = true }).FromFile(path);
        int columns = reader.Header.ColNames.Count;
        var values = new List<float>(1 << 20);
        foreach (var row in reader)
        {
            for (int c = 0; c < columns; c++)
            {
                values.Add(row[c].Parse<float>());
            }
        }

        return [.. values];
    }

    /// <summary>As <see cref="ReadWithSep"/>, with rows parsed on every core (Sep keeps their order).</summary>
    internal static float[] ReadWithSepParallel(string path)
    {
        using var reader = Sep.Reader(o => o with { HasHeader = true }).FromFile(path);
        int columns = reader.Header.ColNames.Count;
        var rows = reader.ParallelEnumerate(row =>
        {
            var parsed = new float[columns];
            for (int c = 0; c < columns; c++)
            {
                parsed[c] = row[c].Parse<float>();
            }

            return parsed;
        });
        var values = new List<float>(1 << 20);
        foreach (float[] row in rows)
        {
            values.AddRange(row);
        }

        return [.. values];
    }
}
