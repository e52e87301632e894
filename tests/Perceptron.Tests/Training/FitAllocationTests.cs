using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Metrics;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Tests.Support;
using Perceptron.Training;
using Perceptron.Training.Callbacks;

namespace Perceptron.Tests.Training;

/// <summary>
/// A training step allocates nothing once training is under way: measured on the training thread, from the end of
/// one step to the end of the next (gathering the batch, forward, backward, the optimizer's update, the callbacks).
/// </summary>
/// <remarks>
/// What makes the measurement depend on nothing but the code: the test assembly runs without tiered compilation
/// (Perceptron.Tests.csproj), so every method runs its final, optimized code from its first call and the first
/// epoch is a complete warm-up (lazily sized buffers, first-call initialisation); and the test runs alone in the
/// process (<see cref="ProcessAloneCollection"/>), so no other test switches kernels or occupies the GEMM pool
/// meanwhile. Other processes can only slow it down: the allocated bytes are counted per thread and exactly.
/// </remarks>
[Collection(ProcessAloneCollection.Name)]
public class FitAllocationTests
{
    [Fact]
    public void Fit_AfterFirstEpoch_AllocatesNothingPerStep()
    {
        var random = new Random(1);
        var x = new Matrix<float>(640, 784);
        foreach (ref float v in x.AsSpan())
        {
            v = (float)random.NextDouble();
        }

        var y = new Matrix<float>(640, 1);
        foreach (ref float v in y.AsSpan())
        {
            v = random.Next(10);
        }

        var model = new Sequential(new Dense(256, Activation.Relu), new Dense(128, Activation.Relu), new Dense(10, Activation.Softmax)) { Seed = 1 };
        model.Compile(new Adam(1e-3), new SparseCategoricalCrossEntropy(), new Accuracy());
        var probe = new AllocationProbe();

        model.Fit(x, y, new TrainingOptions { Epochs = 3, BatchSize = 64, Callbacks = [probe] });

        // Ten steps per epoch, nine measured in each (from one step's end to the next's); the first epoch warms up.
        Assert.Equal(27, probe.StepAllocations.Count);
        long[] perStep = [.. probe.StepAllocations.Skip(9)];
        Assert.True(perStep.All(bytes => bytes == 0), $"bytes allocated per step after the first epoch: {string.Join(", ", perStep)}");
        Assert.True(TieredCompilationIsOff(), "the test assembly must run without tiered compilation (see the remarks)");
    }

    [Fact]
    public void AllocationProbe_SeesAStepThatAllocates()
    {
        // The measurement can fail: a callback that allocates inside every step shows in every measured step.
        var (x, y) = SequentialTests.SumData(256, seed: 3);
        var model = new Sequential(new Dense(4, Activation.Relu, inputs: 2), new Dense(1)) { Seed = 1 };
        model.Compile(new Sgd(0.1), new MeanSquaredError());
        var probe = new AllocationProbe();

        model.Fit(x, y, new TrainingOptions { Epochs = 2, BatchSize = 32, Callbacks = [new Allocating(), probe] });

        Assert.Equal(14, probe.StepAllocations.Count);
        Assert.All(probe.StepAllocations, bytes => Assert.InRange(bytes, Allocating.Bytes, long.MaxValue));
    }

    private static bool TieredCompilationIsOff()
        => AppContext.TryGetSwitch("System.Runtime.TieredCompilation", out bool tiered) && !tiered;

    private sealed class Allocating : Callback
    {
        public const int Bytes = 1000;

        public override void OnBatchEnd(ITrainingModel model, in BatchProgress progress) => GC.KeepAlive(new byte[Bytes]);
    }

    private sealed class AllocationProbe : Callback
    {
        private long _last = -1;

        // Sized up front: growing the list inside OnBatchEnd would itself allocate.
        public List<long> StepAllocations { get; } = new(capacity: 100);

        public override void OnBatchEnd(ITrainingModel model, in BatchProgress progress)
        {
            long now = GC.GetAllocatedBytesForCurrentThread();
            if (_last >= 0 && progress.Batch > 1)
            {
                StepAllocations.Add(now - _last);
            }

            _last = now;
        }
    }
}
