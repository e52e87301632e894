using System.Text.Json;

namespace Perceptron.Benchmarks.Quick;

/// <summary>One measured point of a scaling curve (a JSON line of scaling.sh's records).</summary>
/// <param name="Sweep">Which curve: rows, width, depth or threads.</param>
/// <param name="Rows">Training rows.</param>
/// <param name="Width">Units of every hidden layer.</param>
/// <param name="Depth">Hidden layers.</param>
/// <param name="Threads"><see cref="Engine.MaxThreads"/>.</param>
/// <param name="SecondsPerEpoch">Median epoch after the first.</param>
/// <param name="PeakMemoryMb">The process's peak resident memory (it trains one model only).</param>
/// <param name="Flop">Floating-point operations per epoch (6 per parameter and row).</param>
/// <param name="ModelBytes">Parameters, gradients and Adam's two moments.</param>
/// <param name="DataBytes">The training features and labels.</param>
internal sealed record ScalingRecord(string Sweep, int Rows, int Width, int Depth, int Threads, double SecondsPerEpoch, double PeakMemoryMb,
    double Flop, double ModelBytes, double DataBytes)
{
    /// <summary>Inputs per row, classes and batch size of every point.</summary>
    public const int Inputs = 32, Classes = 10, Batch = 256;

    public static JsonSerializerOptions Json { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Parameters of a network of <paramref name="depth"/> hidden layers of <paramref name="width"/> units.</summary>
    public static double Parameters(int width, int depth)
        => ((double)Inputs * width) + width + ((depth - 1) * (((double)width * width) + width)) + ((double)width * Classes) + Classes;
}
