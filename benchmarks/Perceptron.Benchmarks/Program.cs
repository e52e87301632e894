using BenchmarkDotNet.Running;
using Perceptron.Benchmarks.Quick;

// `-- gemm [options]` runs a quick workload (a few seconds, GFLOP/s table); `-- w1 … w6` run the comparison
// workloads of benchmarks/compare.sh (see benchmarks/README.md); anything else goes to BenchmarkDotNet, e.g.
// `-- --filter *Gemm*`. Add a workload with one line here and a class in Quick/.
var quick = new Dictionary<string, Func<string[], int>>(StringComparer.OrdinalIgnoreCase)
{
    ["gemm"] = GemmQuick.Run,
    ["small-rows"] = SmallRowsQuick.Run,
    ["variants"] = VariantsQuick.Run,
    ["peak"] = PeakProbe.Run,
    ["gemm-shapes"] = GemmShapes.Run,
    ["w1"] = W1PerSample.Run,
    ["w2"] = W2Framework.Run,
    ["w3"] = W3Mnist.Run,
    ["w4"] = W4GemmBound.Run,
    ["w5"] = W5Inference.Run,
    ["w6"] = W6CliOverhead.Run,
    ["w8"] = W8Csv.Run,
    ["scaling-point"] = ScalingPoint.Run,
    ["scaling-plot"] = ScalingPlots.Run,
    ["machine-slug"] = _ => { Console.WriteLine(MachineDescription.Read().Slug); return 0; },
};

if (args.Length > 0 && quick.TryGetValue(args[0], out var workload))
{
    return workload(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
