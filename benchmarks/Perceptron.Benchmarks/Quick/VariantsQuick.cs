using Perceptron.Kernels;

namespace Perceptron.Benchmarks.Quick;

/// <summary><c>variants</c>: prints the kernel variants this machine runs, fastest first, one per line (the values
/// <c>PERCEPTRON_KERNEL</c> accepts here); <c>variants --reasons</c> adds why each sits where it does.</summary>
internal static class VariantsQuick
{
    public static int Run(string[] args)
    {
        bool reasons = args.Contains("--reasons");
        foreach (var variant in KernelRegistry.Available)
        {
            Console.WriteLine(reasons ? $"{variant.Mode,-10} {variant.Reason}" : variant.Mode.ToString());
        }

        return 0;
    }
}
