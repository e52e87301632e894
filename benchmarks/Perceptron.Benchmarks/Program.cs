using BenchmarkDotNet.Running;
using Perceptron.Benchmarks.Quick;

// `-- gemm [options]` runs a quick workload (a few seconds, GFLOP/s table); anything else goes to
// BenchmarkDotNet, e.g. `-- --filter *Gemm*`. Add a workload with one line here and a class in Quick/.
var quick = new Dictionary<string, Func<string[], int>>(StringComparer.OrdinalIgnoreCase)
{
    ["gemm"] = GemmQuick.Run,
};

if (args.Length > 0 && quick.TryGetValue(args[0], out var workload))
{
    return workload(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
