using Perceptron.Core;
using Perceptron.Data;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Tabular;

/// <summary>
/// The rows of one part of a CSV file (training, validation or test), read afresh each epoch, prepared by the fitted
/// pipeline and handed out in mini-batches through a shuffle buffer of bounded size.
/// </summary>
/// <remarks>
/// The buffer fills with the first rows in file order; once full, each new row takes the place of a row drawn at random
/// (that row joins the batch being built); at the end of the file the rows left are drained in a Fisher–Yates order.
/// Both draws are seeded by (seed, epoch). When the buffer holds every row, the epoch's order is the permutation that
/// <see cref="Sequential{T}.Fit(Matrix{T}, Matrix{T}, TrainingOptions, Matrix{T}?, Matrix{T}?)"/> draws for the same
/// seed and epoch, so the two trainers see the same batches.
/// </remarks>
internal sealed class CsvBatchSource(StreamingPlan plan, RowRole role, int batchSize, int shuffleBuffer, long rows) : IBatchSource<float>
{
    public int BatchesPerEpoch => (int)Math.Min(int.MaxValue, (rows + batchSize - 1) / batchSize);

    /// <summary>Rows of this part read from the file so far in the current pass.</summary>
    public long RowsRead { get; private set; }

    /// <summary>Rows of this part placed in batches so far in the current pass.</summary>
    public long RowsEmitted { get; private set; }

    /// <summary>Most rows the shuffle buffer held at once, over every pass.</summary>
    public int PeakBuffered { get; private set; }

    public IEnumerable<(Matrix<float> X, Matrix<float> Y)> Batches(int epoch)
    {
        using var stream = new CsvRowStream(plan.Path, plan.Csv);
        StreamingRowParser parser = plan.Parser(stream);
        FeaturePipeline pipeline = plan.Pipeline;
        int width = pipeline.OutputWidth, stride = width + 1, capacity = shuffleBuffer;
        float[] raw = new float[pipeline.InputWidth], scratch = new float[pipeline.Imputer?.OutputWidth ?? pipeline.InputWidth];
        float[] row = new float[stride], buffer = new float[(long)Math.Min(capacity, Math.Max(rows, 1)) * stride];
        capacity = buffer.Length / stride;
        var x = new Matrix<float>(batchSize, width);
        var y = new Matrix<float>(batchSize, 1);
        int held = 0, filled = 0;
        var replace = new Rng(plan.Seed, epoch, stream: 1);
        (RowsRead, RowsEmitted) = (0, 0);
        long index = -1;
        for (ICsvRecord? record = stream.Next(); record is not null; record = stream.Next())
        {
            if (!parser.Parse(record, raw, out float target) || plan.RoleOf(++index) != role)
            {
                continue;
            }

            RowsRead++;
            pipeline.TransformRow(raw, row.AsSpan(0, width), scratch, scale: true);
            row[width] = target;
            if (plan.TargetScaler is { } scaler)
            {
                scaler.TransformRow(row.AsSpan(width, 1));
            }

            if (capacity == 0)
            {
                Emit(row, 0);
            }
            else if (held < capacity)
            {
                Array.Copy(row, 0, buffer, (long)held++ * stride, stride);
                PeakBuffered = Math.Max(PeakBuffered, held);
                continue;
            }
            else
            {
                // The new row takes the place of a random one, which leaves for the batch.
                int slot = replace.NextInt(capacity);
                Emit(buffer, (long)slot * stride);
                Array.Copy(row, 0, buffer, (long)slot * stride, stride);
            }

            if (filled == batchSize)
            {
                filled = 0;
                yield return (x, y);
            }
        }

        // The file is read: the rows still held leave in a random order (the whole epoch's, when they are every row).
        int[] order = [.. Enumerable.Range(0, held)];
        new Rng(plan.Seed, epoch, stream: 0).Shuffle(order);
        foreach (int slot in order)
        {
            Emit(buffer, (long)slot * stride);
            held--;
            if (filled == batchSize)
            {
                filled = 0;
                yield return (x, y);
            }
        }

        if (filled > 0)
        {
            yield return (new Matrix<float>(filled, width, x.Data[..(filled * width)]), new Matrix<float>(filled, 1, y.Data[..filled]));
        }

        void Emit(float[] source, long offset)
        {
            Array.Copy(source, offset, x.Data, (long)filled * width, width);
            y.Data[filled++] = source[offset + width];
            RowsEmitted++;
        }
    }
}
