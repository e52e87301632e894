using System.Numerics;
using System.Numerics.Tensors;
using Perceptron.Core;
using Perceptron.Kernels;
using Perceptron.Layers;

namespace Perceptron.Training;

/// <summary>
/// The training step's two passes over every parameter, the gradient's squared norm and the optimizer's update, split
/// over the GEMM's threads the way the products split the weight gradients.
/// </summary>
/// <remarks>
/// The product that computes a layer's weight gradient (inputs × units) splits it by rows when it runs on several
/// threads, so each core ends the backward pass holding its rows in its own cache. Reading them all on the calling
/// thread moved about half of the gradients, and then half of the updated weights, from one core's cache to the
/// other's at every step: at batch 64 that cost more than the second thread saved in the products. Here part p takes
/// the same rows (row r of n goes to the part ⌊r·parts/n⌋, as in the product), so most of the data stays where it is.
/// Both passes give the same bits whatever the thread count: the update is element-wise, and the norm is summed per
/// fixed chunk of <see cref="NormChunk"/> values and then over the chunks in order, whichever thread summed each chunk.
/// </remarks>
internal sealed class ParameterPasses<T> : IPartitionedWork
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The norm's chunk: 32 KiB of floats, long enough that summing one costs far more than the call.</summary>
    internal const int NormChunk = 8192;

    /// <summary>Below this many parameters both passes run on the calling thread: they take a few microseconds, about
    /// what handing half to another thread costs.</summary>
    internal const int MinParametersToSplit = 65_536;

    private readonly T[] _parameters, _gradients;
    private readonly (int Start, int Length)[][] _ranges; // per part: its ranges of the parameters
    private readonly int[][] _chunks;                       // per part: the norm chunks that start in its ranges
    private readonly double[] _chunkSums;
    private readonly int _threads;
    private ParameterUpdate<T>? _update; // set during Step; null during SquaredNorm

    /// <summary>Splits the parameters of <paramref name="layers"/> (laid out one layer after another in
    /// <paramref name="parameters"/>) into <paramref name="parts"/> ≥ 1 parts.</summary>
    public ParameterPasses(IReadOnlyList<Layer<T>> layers, T[] parameters, T[] gradients, int parts)
    {
        _parameters = parameters;
        _gradients = gradients;
        _threads = parts;
        Parts = parameters.Length < MinParametersToSplit ? 1 : parts;
        _ranges = Split(layers, Parts);
        _chunkSums = new double[(parameters.Length + NormChunk - 1) / NormChunk];
        var chunks = new List<int>[Parts];
        for (int part = 0; part < Parts; part++)
        {
            chunks[part] = [];
            foreach (var (start, length) in _ranges[part])
            {
                for (int chunk = (start + NormChunk - 1) / NormChunk; chunk * NormChunk < start + length; chunk++)
                {
                    chunks[part].Add(chunk);
                }
            }
        }

        _chunks = [.. chunks.Select(list => list.ToArray())];
    }

    /// <summary>How many parts the passes run in (1 for a small model).</summary>
    public int Parts { get; }

    /// <summary>Whether these passes were made for these buffers and this many threads.</summary>
    public bool Fits(T[] parameters, int threads) => ReferenceEquals(parameters, _parameters) && threads == _threads;

    /// <summary>The sum of the squared gradients.</summary>
    public double SquaredNorm()
    {
        _update = null;
        IPartitionedWork.Run(this, Parts);
        double sum = 0;
        foreach (double chunkSum in _chunkSums)
        {
            sum += chunkSum;
        }

        return sum;
    }

    /// <summary>One step of <paramref name="optimizer"/> on all parameters.</summary>
    public void Step(Optimizers.Optimizer optimizer)
    {
        _update = optimizer.BeginStep<T>();
        try
        {
            IPartitionedWork.Run(this, Parts);
        }
        finally
        {
            _update = null;
        }
    }

    /// <inheritdoc/>
    public void RunPart(int part)
    {
        if (_update is { } update)
        {
            foreach (var (start, length) in _ranges[part])
            {
                update(_parameters.AsSpan(start, length), _gradients.AsSpan(start, length), start, _parameters.Length);
            }

            return;
        }

        foreach (int chunk in _chunks[part])
        {
            int start = chunk * NormChunk;
            var values = _gradients.AsSpan(start, Math.Min(NormChunk, _gradients.Length - start));
            _chunkSums[chunk] = double.CreateTruncating(TensorPrimitives.SumOfSquares<T>(values));
        }
    }

    // Each layer's first parameter, when it is a matrix (a Dense layer's weights: inputs × units), is split by rows as
    // the product that computes its gradient splits it; everything else (biases, normalisation's scales and shifts: a
    // small share) goes to part 0, the calling thread.
    private static (int Start, int Length)[][] Split(IReadOnlyList<Layer<T>> layers, int parts)
    {
        var ranges = new List<(int Start, int Length)>[parts];
        for (int part = 0; part < parts; part++)
        {
            ranges[part] = [];
        }

        int offset = 0;
        foreach (var layer in layers)
        {
            int count = layer.ParameterCount, split = 0;
            if (count > 0 && layer.ParameterShapes[0].Dimensions is [int rows, int columns] && rows >= parts)
            {
                for (int part = 0; part < parts; part++)
                {
                    int first = (int)((long)part * rows / parts), end = (int)((long)(part + 1) * rows / parts);
                    Add(ranges[part], offset + (first * columns), (end - first) * columns);
                }

                split = rows * columns;
            }

            Add(ranges[0], offset + split, count - split);
            offset += count;
        }

        return [.. ranges.Select(list => list.ToArray())];
    }

    // Appends a range, merged with the previous one when they touch.
    private static void Add(List<(int Start, int Length)> ranges, int start, int length)
    {
        if (length == 0)
        {
            return;
        }

        if (ranges.Count > 0 && ranges[^1].Start + ranges[^1].Length == start)
        {
            ranges[^1] = (ranges[^1].Start, ranges[^1].Length + length);
        }
        else
        {
            ranges.Add((start, length));
        }
    }
}
