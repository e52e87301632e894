using BenchmarkDotNet.Attributes;
using Perceptron.Benchmarks.Quick;
using Perceptron.Data;

namespace Perceptron.Benchmarks;

/// <summary>CSV to floats: our loader (validating every cell, naming the row and column of a bad one; the baseline)
/// against Sep, the fastest .NET CSV parser, on one thread and in parallel. The file is numeric: 20,000 rows of 50
/// features and an integer label, written once in the global setup (the shape of W8's file, a tenth of its rows).</summary>
[MemoryDiagnoser]
public class CsvBenchmarks
{
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"perceptron-csv-bench-{Environment.ProcessId}.csv");
        var random = new Random(7);
        using var writer = new StreamWriter(_path);
        writer.WriteLine(string.Join(',', Enumerable.Range(0, 50).Select(i => $"f{i}")) + ",label");
        for (int row = 0; row < 20_000; row++)
        {
            for (int column = 0; column < 50; column++)
            {
                writer.Write(((float)((random.NextDouble() * 6) - 3)).ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
                writer.Write(',');
            }

            writer.WriteLine(random.Next(4));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Baseline = true)]
    public TabularDataset Perceptron() => CsvLoader.Load(_path);

    [Benchmark]
    public float[] Sep() => W8Csv.ReadWithSep(_path);

    [Benchmark]
    public float[] SepParallel() => W8Csv.ReadWithSepParallel(_path);
}
