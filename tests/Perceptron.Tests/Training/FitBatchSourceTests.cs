using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Metrics;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Training;
using Perceptron.Training.Callbacks;

namespace Perceptron.Tests.Training;

/// <summary>Training and evaluating on batches read one at a time (<see cref="IBatchSource{T}"/>).</summary>
public class FitBatchSourceTests
{
    [Fact]
    public void Fit_BatchesInFileOrder_MatchTheInMemoryFitWithoutShuffling()
    {
        var (x, y) = Data(101, seed: 1);
        Sequential inMemory = Model(), streamed = Model();

        History expected = inMemory.Fit(x, y, new TrainingOptions { Epochs = 4, BatchSize = 10, Shuffle = false }, x, y);
        var source = new MatrixBatches(x, y, 10);
        History actual = streamed.Fit(source, new TrainingOptions { Epochs = 4, BatchSize = 10 }, source);

        Assert.Equal(inMemory.Parameters.ToArray(), streamed.Parameters.ToArray());
        Assert.Equal(expected["loss"], actual["loss"]);
        Assert.All(expected["val_loss"].Zip(actual["val_loss"]), pair => Assert.Equal(pair.First, pair.Second, 1e-6)); // other chunking

        Assert.Equal(expected["mae"], actual["mae"]);
        Assert.Equal([0, 1, 2, 3], source.Epochs.Distinct());
    }

    [Fact]
    public void Evaluate_OverBatches_EqualsEvaluateOverTheWholeMatrix()
    {
        var (x, y) = Data(77, seed: 2);
        Sequential model = Model();
        model.Fit(x, y, epochs: 2, batchSize: 8);

        var whole = model.Evaluate(x, y);
        var batched = model.Evaluate(new MatrixBatches(x, y, 9).Batches(0));

        Assert.Equal(whole["mae"], batched["mae"], 1e-6);
        Assert.Equal(whole["loss"], batched["loss"], 1e-6);
    }

    [Fact]
    public void Fit_CallsTheCallbacksWithTheSourcesBatchCount()
    {
        var (x, y) = Data(50, seed: 3);
        var recorder = new BatchCounter();
        Model().Fit(new MatrixBatches(x, y, 16), new TrainingOptions { Epochs = 2, Callbacks = [recorder] });

        Assert.Equal(4, recorder.BatchesPerEpoch);
        Assert.Equal(8, recorder.Steps);
    }

    [Fact]
    public void Fit_RefusesAnEmptySourceAndAValidationSplit()
    {
        var (x, y) = Data(10, seed: 4);
        Assert.Throws<ArgumentException>(() => Model().Fit(new MatrixBatches(x, y, 4) { Empty = true }, new TrainingOptions()));
        Assert.Throws<ArgumentException>(() => Model().Fit(new MatrixBatches(x, y, 4), new TrainingOptions { ValidationSplit = 0.2 }));
    }

    private static Sequential Model()
    {
        var model = new Sequential(new Dense(6, Activation.Tanh), new Dropout(0.2), new Dense(1)) { Seed = 11 };
        model.Compile(new Adam(0.01), new MeanSquaredError(), new MeanAbsoluteErrorMetric());
        return model;
    }

    private static (Matrix<float> X, Matrix<float> Y) Data(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new Matrix<float>(rows, 3);
        var y = new Matrix<float>(rows, 1);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                x[r, c] = (float)(random.NextDouble() * 2 - 1);
            }

            y[r, 0] = x[r, 0] - 2 * x[r, 1] + x[r, 2] * x[r, 0];
        }

        return (x, y);
    }

    /// <summary>A matrix handed out in order, a batch at a time, through one reused pair of matrices (as a file reader would).</summary>
    private sealed class MatrixBatches(Matrix<float> x, Matrix<float> y, int batchSize) : IBatchSource<float>
    {
        public bool Empty { get; init; }

        public List<int> Epochs { get; } = [];

        public int BatchesPerEpoch => (x.Rows + batchSize - 1) / batchSize;

        public IEnumerable<(Matrix<float> X, Matrix<float> Y)> Batches(int epoch)
        {
            Epochs.Add(epoch);
            if (Empty)
            {
                yield break;
            }

            var bx = new Matrix<float>(batchSize, x.Columns);
            var by = new Matrix<float>(batchSize, 1);
            for (int start = 0; start < x.Rows; start += batchSize)
            {
                int rows = Math.Min(batchSize, x.Rows - start);
                if (rows < batchSize)
                {
                    (bx, by) = (new Matrix<float>(rows, x.Columns), new Matrix<float>(rows, 1));
                }

                x.Data.AsSpan(start * x.Columns, rows * x.Columns).CopyTo(bx.Data);
                y.Data.AsSpan(start, rows).CopyTo(by.Data);
                yield return (bx, by);
            }
        }
    }

    private sealed class BatchCounter : Callback
    {
        public int BatchesPerEpoch { get; private set; }

        public int Steps { get; private set; }

        public override void OnTrainBegin(ITrainingModel model, int epochs, int batchesPerEpoch) => BatchesPerEpoch = batchesPerEpoch;

        public override void OnBatchEnd(ITrainingModel model, in BatchProgress progress) => Steps++;
    }
}
