#:project ../../src/Perceptron/Perceptron.csproj
#:property PublishAot=false

// Measures what a big file that is not JSON costs the readers: a real (not sparse) file of NUL bytes, given to
// TabularModel.Load as a model file and to TrainingCheckpoint.Load as a checkpoint's state file.
// Run: dotnet run -c Release tools/reliability/reject-big-file.cs -- [megabytes=1024]
using System.Diagnostics;
using Perceptron.Serialization;
using Perceptron.Tabular;

long size = (args.Length > 0 ? long.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1024) << 20;
string folder = Directory.CreateTempSubdirectory("perceptron-big-file-").FullName;
try
{
    string model = Path.Combine(folder, "model.json");
    using (var stream = File.Create(model))
    {
        var zeros = new byte[1 << 20];
        for (long written = 0; written < size; written += zeros.Length)
        {
            stream.Write(zeros, 0, (int)Math.Min(zeros.Length, size - written));
        }
    }

    File.Copy(model, Path.Combine(folder, TrainingCheckpoint.StateFileName));

    // The first load in a process compiles the JSON reader (about 0.1 s): a tiny bad file pays that first, so the
    // figures below are what the big file itself costs.
    string tiny = Path.Combine(folder, "tiny.json");
    File.WriteAllBytes(tiny, [0, 0]);
    Measure("TabularModel.Load of a 2-byte file (warm-up)", () => TabularModel.Load(tiny), runs: 1);
    Console.WriteLine($"{size:N0} bytes of NUL, on disk (not sparse)");
    Measure("TabularModel.Load", () => TabularModel.Load(model));
    Measure("TrainingCheckpoint.Load", () => TrainingCheckpoint.Load(folder));
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static void Measure(string what, Action load, int runs = 3)
{
    for (int run = 0; run < runs; run++)
    {
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        long workingSet = process.WorkingSet64, allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        string message;
        try
        {
            load();
            message = "LOADED";
        }
        catch (ModelFormatException e)
        {
            message = e.Message;
        }

        clock.Stop();
        process.Refresh();
        Console.WriteLine($"{what}, run {run + 1}: {clock.Elapsed.TotalMilliseconds:F1} ms, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0:N0} KiB allocated, "
            + $"working set {(process.WorkingSet64 - workingSet) / 1048576.0:+0.0;-0.0} MiB (peak {process.PeakWorkingSet64 / 1048576.0:N0} MiB): {message}");
    }
}
