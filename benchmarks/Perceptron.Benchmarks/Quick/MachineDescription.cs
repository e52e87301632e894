using System.Globalization;
using System.Runtime.InteropServices;

namespace Perceptron.Benchmarks.Quick;

/// <summary>The processor, as /proc/cpuinfo describes it (family/model/stepping on x86, implementer/part on ARM).</summary>
internal sealed record MachineDescription(string ModelName, string Family, string Model, string Stepping, string Implementer, string Part, string VectorFlags)
{
    public static MachineDescription Read()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists("/proc/cpuinfo"))
        {
            // The first processor's block is enough: the cores of these machines are all alike.
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.Length == 0 && fields.Count > 0)
                {
                    break;
                }

                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
                }
            }
        }

        string flags = fields.GetValueOrDefault("flags") ?? fields.GetValueOrDefault("Features") ?? "";
        string[] wanted = ["fma", "avx2", "avx512f", "avx512vl", "asimd", "sve", "sve2"];
        string vectorFlags = string.Join(' ', flags.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(f => wanted.Contains(f)));
        return new(
            fields.GetValueOrDefault("model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
            fields.GetValueOrDefault("cpu family") ?? "",
            fields.GetValueOrDefault("model") ?? "",
            fields.GetValueOrDefault("stepping") ?? "",
            fields.GetValueOrDefault("CPU implementer") ?? "",
            fields.GetValueOrDefault("CPU part") ?? "",
            vectorFlags);
    }

    /// <summary>A short name for the results folder, e.g. <c>amd-epyc-family26-model2</c>.</summary>
    public string Slug
    {
        get
        {
            string name = new([.. ModelName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
            while (name.Contains("--", StringComparison.Ordinal))
            {
                name = name.Replace("--", "-", StringComparison.Ordinal);
            }

            string suffix = Family.Length > 0 ? $"-family{Family}-model{Model}" : Part.Length > 0 ? $"-part{Part}" : "";
            return name.Trim('-') + suffix + $"-{Environment.ProcessorCount}cpu";
        }
    }

    /// <summary>One JSON object (invariant culture), with the processor count, memory, OS and runtime.</summary>
    public string ToJson()
    {
        var inv = CultureInfo.InvariantCulture;
        static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);
        double memoryGib = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30);
        return string.Create(inv,
            $"{{\"workload\": \"machine\", \"engine\": \"probe\", \"threads\": {Environment.ProcessorCount}, \"seconds\": 0, \"unit\": \"info\", \"metric\": {memoryGib:F1}, \"metric_name\": \"memory_gib\", "
            + $"\"detail\": {Quote($"{ModelName}; family {Family} model {Model} stepping {Stepping}; {VectorFlags}")}, "
            + $"\"cpu_model_name\": {Quote(ModelName)}, \"cpu_family\": {Quote(Family)}, \"cpu_model\": {Quote(Model)}, \"cpu_stepping\": {Quote(Stepping)}, "
            + $"\"cpu_implementer\": {Quote(Implementer)}, \"cpu_part\": {Quote(Part)}, \"vector_flags\": {Quote(VectorFlags)}, \"slug\": {Quote(Slug)}, "
            + $"\"os\": {Quote(RuntimeInformation.OSDescription)}, \"runtime\": {Quote(RuntimeInformation.FrameworkDescription)}}}");
    }
}
