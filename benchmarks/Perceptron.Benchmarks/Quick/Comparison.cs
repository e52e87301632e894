using System.Globalization;
using System.Runtime.InteropServices;
using Perceptron.Core;
using Perceptron.Training;
using Perceptron.Training.Callbacks;

namespace Perceptron.Benchmarks.Quick;

/// <summary>
/// What every comparison workload (w1 … w6, run by benchmarks/compare.sh) shares: its options, the JSON records
/// it appends for benchmarks/peers/report.py, the raw files it exports for the peers, and medians.
/// </summary>
/// <remarks>
/// Options: <c>--threads N</c> (ours; default 2), <c>--quick</c> (fewer epochs and repeats), <c>--out FILE</c>
/// (append one JSON record per line), <c>--export DIR</c> (where data and initial weights go for the peers),
/// <c>--data DIR</c> (MNIST-10k, default data/mnist-10k), <c>--csv FILE</c> (the tabular CSV of W7/W8).
/// </remarks>
internal sealed class Comparison
{
    private Comparison()
    {
    }

    public int Threads { get; private set; } = 2;

    public bool Quick { get; private set; }

    public string? OutFile { get; private set; }

    public string ExportDirectory { get; private set; } = Path.Combine(Path.GetTempPath(), "perceptron-compare");

    public string DataDirectory { get; private set; } = Path.Combine("data", "mnist-10k");

    /// <summary>The tabular CSV of W7/W8 (benchmarks/peers/tabular_data.py writes it).</summary>
    public string? CsvFile { get; private set; }

    /// <summary>Parses the shared options; prints the usage and returns null on a bad one.</summary>
    public static Comparison? Parse(string[] args, string workload)
    {
        var options = new Comparison();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--threads" when i + 1 < args.Length: options.Threads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--quick": options.Quick = true; break;
                case "--out" when i + 1 < args.Length: options.OutFile = args[++i]; break;
                case "--export" when i + 1 < args.Length: options.ExportDirectory = args[++i]; break;
                case "--data" when i + 1 < args.Length: options.DataDirectory = args[++i]; break;
                case "--csv" when i + 1 < args.Length: options.CsvFile = args[++i]; break;
                default:
                    Console.Error.WriteLine($"unknown option '{args[i]}'; usage: {workload} [--threads N] [--quick] [--out FILE.jsonl] [--export DIR] [--data DIR] [--csv FILE]");
                    return null;
            }
        }

        Directory.CreateDirectory(options.ExportDirectory);
        Engine.MaxThreads = options.Threads;
        return options;
    }

    /// <summary>Prints a result and appends it as a JSON record to <see cref="OutFile"/>: workload, engine, threads,
    /// seconds, unit, metric, metric_name, detail, and flop (the floating-point operations the seconds cover, when
    /// <paramref name="flop"/> &gt; 0), from which the report derives GFLOP/s and the fraction of the measured peak, and
    /// bytes (the memory the seconds must stream, when <paramref name="bytes"/> &gt; 0) for GB/s against the measured
    /// bandwidth.</summary>
    public void Record(string workload, string engine, int threads, double seconds, string unit, double metric, string metricName, string detail = "", double flop = 0, double bytes = 0)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"{workload,-18} {engine,-15} threads {threads}  {seconds:G5} s {unit,-10} {metricName} {metric:G6}  {detail}"));
        if (OutFile is null)
        {
            return;
        }

        string flopField = (flop > 0 ? string.Create(inv, $", \"flop\": {flop:R}") : "") + (bytes > 0 ? string.Create(inv, $", \"bytes\": {bytes:R}") : "");
        string json = string.Create(inv,
            $"{{\"workload\": \"{workload}\", \"engine\": \"{engine}\", \"threads\": {threads}, \"seconds\": {seconds:R}, \"unit\": \"{unit}\", \"metric\": {metric:R}, \"metric_name\": \"{metricName}\", \"detail\": {System.Text.Json.JsonSerializer.Serialize(detail)}{flopField}}}");
        File.AppendAllText(OutFile, json + "\n");
    }

    /// <summary>Prints the machine's description and appends it as a record (workload "machine").</summary>
    public void RecordMachine(MachineDescription machine)
    {
        Console.WriteLine($"machine: {machine.ModelName}, family {machine.Family} model {machine.Model}, {Environment.ProcessorCount} logical processors, {machine.VectorFlags}");
        if (OutFile is not null)
        {
            File.AppendAllText(OutFile, machine.ToJson() + "\n");
        }
    }

    /// <summary>Writes values as raw little-endian numbers (read by the peers with numpy.fromfile).</summary>
    public void Export<T>(string name, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        using var file = File.Create(Path.Combine(ExportDirectory, name));
        file.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>
    /// Exports the row order Fit uses in each epoch when shuffling (the engine's seeded shuffle), as int32
    /// epochs × rows, so a peer can visit the batches in the same order: same data, weights and order.
    /// </summary>
    public void ExportShuffleOrders(string name, int seed, int epochs, int rows)
    {
        var orders = new int[epochs * rows];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            Span<int> order = orders.AsSpan(epoch * rows, rows);
            for (int i = 0; i < rows; i++)
            {
                order[i] = i;
            }

            new Rng(seed, epoch, stream: 0).Shuffle(order);
        }

        Export<int>(name, orders);
    }

    /// <summary>
    /// Repeats <paramref name="action"/> for at least <paramref name="seconds"/>: long enough for the tiered JIT to
    /// recompile the hot methods at tier 1 (call counting starts ~100 ms after the last tier-0 compile, and the
    /// background compiler is slow on a busy machine). A few epochs of a tiny net are over long before that.
    /// </summary>
    public static void WarmUp(Action action, double seconds = 1.0)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            action();
        }
        while (clock.Elapsed.TotalSeconds < seconds);
    }

    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>Keeps each epoch's wall time as Fit measured it.</summary>
internal sealed class EpochTimer : Callback
{
    public List<double> Seconds { get; } = [];

    /// <summary>The median epoch after the first (the warm-up epoch, where the JIT still compiles).</summary>
    public double SteadyMedian => Comparison.Median(Seconds.Count > 1 ? Seconds.Skip(1) : Seconds);

    public override void OnEpochEnd(ITrainingModel model, EpochResult epoch) => Seconds.Add(epoch.Elapsed.TotalSeconds);
}
