using System.Globalization;
using System.Text.Json;
using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Tensors;
using Perceptron.Tests.Support;
using Perceptron.Training;
using Perceptron.Training.Callbacks;

namespace Perceptron.Tests.Training;

/// <summary>
/// Replays Fixtures/torch_reference.json, written by PyTorch in float32 (Fixtures/torch_reference.py): for three
/// nets × two L2 strengths × four optimizers, the same <see cref="Sequential{T}"/> from the same weights must give
/// the same first-batch loss and gradients, the same weights after one step and after 20 steps (5 epochs of
/// 4 batches, unshuffled), and the same loss at every step.
/// </summary>
public class TorchReferenceTests
{
    private static readonly Fixture Reference = Fixture.Load(TestFiles.Fixture("torch_reference.json"));

    public static TheoryData<string> CaseNames => new(Reference.Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void FirstBatch_LossAndGradients_MatchTorch(string name)
    {
        TorchCase c = Reference.Cases[name];
        Sequential<float> model = CreateModel(c);
        (Matrix<float> x, Matrix<float> y) = Reference.Batch(c.Net, 0);

        double loss = model.ComputeLossAndGradients(x, y);

        JsonElement first = c.Json.GetProperty("first");
        Compare([first.GetProperty("loss").GetDouble()], [loss], $"{name}: first-batch loss");
        CompareLayers(first.GetProperty("gradients"), model, gradients: true, $"{name}: first-batch gradient");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void OneStep_Weights_MatchTorch(string name)
    {
        TorchCase c = Reference.Cases[name];
        Sequential<float> model = CreateModel(c);
        (Matrix<float> x, Matrix<float> y) = Reference.Batch(c.Net, 0);

        model.Fit(x, y, new TrainingOptions { Epochs = 1, BatchSize = Reference.BatchSize, Shuffle = false });

        Assert.Equal(1, model.Optimizer!.Iterations);
        CompareLayers(c.Json.GetProperty("afterOneStep"), model, gradients: false, $"{name}: after 1 step");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void TwentySteps_LossesAndWeights_MatchTorch(string name)
    {
        TorchCase c = Reference.Cases[name];
        Sequential<float> model = CreateModel(c);
        var recorder = new BatchLossRecorder();

        History history = model.Fit(c.Net.X, c.Net.Y, new TrainingOptions
        {
            Epochs = Reference.Epochs,
            BatchSize = Reference.BatchSize,
            Shuffle = false,
            Callbacks = [recorder],
        });

        // Torch records each step's loss; the engine reports the running mean over the epoch's batches so far
        // (equal batch sizes), and each epoch's mean in the history.
        double[] torchLosses = c.Json.GetProperty("losses").Deserialize<double[]>()!;
        Assert.Equal(Reference.Epochs * Reference.Batches, torchLosses.Length);
        double[] runningMeans = new double[torchLosses.Length];
        for (int step = 0; step < torchLosses.Length; step++)
        {
            int epochStart = step - step % Reference.Batches;
            runningMeans[step] = torchLosses[epochStart..(step + 1)].Average();
        }

        Assert.Equal(Reference.Epochs * Reference.Batches, model.Optimizer!.Iterations);
        Compare(runningMeans, recorder.Losses, $"{name}: running mean loss per step");
        // Torch's loss is the objective; the history keeps its two terms apart ("penalty" only when L2 is on).
        double[] objective = [.. history["loss"].Select((loss, epoch) => loss + (c.L2 > 0 ? history["penalty"][epoch] : 0))];
        Assert.Equal(c.L2 > 0, history.Values.ContainsKey("penalty"));
        Compare([.. runningMeans.Where((_, step) => step % Reference.Batches == Reference.Batches - 1)], objective, $"{name}: epoch loss + penalty");
        CompareLayers(c.Json.GetProperty("afterAllSteps"), model, gradients: false, $"{name}: after {torchLosses.Length} steps");
    }

    /// <summary>The case's model, built and compiled, with the fixture's initial weights.</summary>
    private static Sequential<float> CreateModel(TorchCase c)
    {
        Activation hidden = Activation.FromName(c.Net.Hidden);
        (Activation output, Loss loss) = c.Net.Loss switch
        {
            "mse" => (Activation.Linear, (Loss)new MeanSquaredError()),
            "sparse_ce" => (Activation.Softmax, new SparseCategoricalCrossEntropy()),
            "bce" => (Activation.Sigmoid, new BinaryCrossEntropy()),
            _ => throw new InvalidOperationException($"Unknown loss '{c.Net.Loss}' in the fixture."),
        };

        int[] sizes = c.Net.Sizes;
        var layers = new List<Layer<float>>();
        for (int i = 1; i < sizes.Length; i++)
        {
            layers.Add(new Dense<float>(sizes[i], i == sizes.Length - 1 ? output : hidden, l2: c.L2));
        }

        var model = new Sequential<float>(layers) { Seed = 1 };
        model.Compile(CreateOptimizer(c), loss);
        model.Build(sizes[0]);

        JsonElement[] initial = [.. c.Net.Json.GetProperty("initial").EnumerateArray()];
        Dense<float>[] dense = [.. model.Layers.Cast<Dense<float>>()];
        Assert.Equal(initial.Length, dense.Length);
        for (int i = 0; i < dense.Length; i++)
        {
            float[] w = Flatten(initial[i].GetProperty("W"));
            float[] b = Flatten(initial[i].GetProperty("b"));
            Assert.Equal(dense[i].Weights.Length, w.Length);
            Assert.Equal(dense[i].Bias.Length, b.Length);
            w.CopyTo(dense[i].Weights);
            b.CopyTo(dense[i].Bias);
        }

        return model;
    }

    private static Optimizer CreateOptimizer(TorchCase c)
    {
        JsonElement settings = c.Json.GetProperty("settings");
        double learningRate = settings.GetProperty("learningRate").GetDouble();
        return c.Optimizer switch
        {
            "sgd" => new Sgd(learningRate, momentum: settings.GetProperty("momentum").GetDouble()),
            "adam" => new Adam(learningRate),
            "adamw" => new AdamW(learningRate, weightDecay: settings.GetProperty("weightDecay").GetDouble()),
            "rmsprop" => new RmsProp(learningRate),
            _ => throw new InvalidOperationException($"Unknown optimizer '{c.Optimizer}' in the fixture."),
        };
    }

    /// <summary>Compares every layer's weights and bias (or their gradients) with the fixture's [inputs][units] layout.</summary>
    private static void CompareLayers(JsonElement expected, Sequential<float> model, bool gradients, string what)
    {
        JsonElement[] layers = [.. expected.EnumerateArray()];
        Assert.Equal(layers.Length, model.Layers.Count);
        for (int i = 0; i < layers.Length; i++)
        {
            var dense = (Dense<float>)model.Layers[i];
            ReadOnlySpan<float> w = gradients ? dense.WeightGradients : dense.Weights;
            ReadOnlySpan<float> b = gradients ? dense.BiasGradients : dense.Bias;
            Compare(ToDoubles(Flatten(layers[i].GetProperty("W"))), ToDoubles(w), $"{what} W[{i}] ({dense.Inputs}×{dense.Units} row-major)");
            Compare(ToDoubles(Flatten(layers[i].GetProperty("b"))), ToDoubles(b), $"{what} b[{i}]");
        }
    }

    private static void Compare(IReadOnlyList<double> expected, IReadOnlyList<double> actual, string what)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: worst relative error {WorstRelativeError(expected, actual):E2}"));
        AssertClose.Values(expected, actual, Tolerances.TorchFloat32Absolute, Tolerances.TorchFloat32Relative, what);
    }

    /// <summary>max |e − a| / |e| over the elements where a relative error means something (|e| above the absolute floor's scale).</summary>
    private static double WorstRelativeError(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        double meaningful = Tolerances.TorchFloat32Absolute / Tolerances.TorchFloat32Relative;
        double worst = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            if (Math.Abs(expected[i]) >= meaningful)
            {
                worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]) / Math.Abs(expected[i]));
            }
        }

        return worst;
    }

    private static double[] ToDoubles(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    private static double[] ToDoubles(float[] values) => ToDoubles(values.AsSpan());

    /// <summary>A number, or a nested array of numbers, flattened row-major into float32.</summary>
    private static float[] Flatten(JsonElement element)
    {
        var values = new List<float>();
        Add(element);
        return [.. values];

        void Add(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in e.EnumerateArray())
                {
                    Add(item);
                }
            }
            else
            {
                values.Add(e.GetSingle());
            }
        }
    }

    /// <summary>Records the running mean objective (data loss + penalty) the engine reports after every batch.</summary>
    private sealed class BatchLossRecorder : Callback
    {
        public List<double> Losses { get; } = [];

        public override void OnBatchEnd(ITrainingModel model, in BatchProgress progress) => Losses.Add(progress.Loss + progress.Penalty);
    }

    private sealed record TorchNet(JsonElement Json, string Name, int[] Sizes, string Hidden, string Loss, Matrix<float> X, Matrix<float> Y);

    private sealed record TorchCase(JsonElement Json, TorchNet Net, double L2, string Optimizer);

    private sealed record Fixture(int BatchSize, int Batches, int Epochs, Dictionary<string, TorchCase> Cases)
    {
        /// <summary>Rows [k·batchSize, (k+1)·batchSize) of the net's data.</summary>
        public (Matrix<float> X, Matrix<float> Y) Batch(TorchNet net, int k)
        {
            int[] rows = [.. Enumerable.Range(k * BatchSize, BatchSize)];
            return (net.X.SelectRows(rows), net.Y.SelectRows(rows));
        }

        public static Fixture Load(string path)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            JsonElement root = document.RootElement.Clone();
            var nets = new Dictionary<string, TorchNet>();
            foreach (JsonElement net in root.GetProperty("nets").EnumerateArray())
            {
                string name = net.GetProperty("name").GetString()!;
                nets[name] = new TorchNet(
                    net, name, net.GetProperty("layers").Deserialize<int[]>()!, net.GetProperty("hidden").GetString()!, net.GetProperty("loss").GetString()!,
                    ToMatrix(net.GetProperty("x")), ToMatrix(net.GetProperty("y")));
            }

            var cases = new Dictionary<string, TorchCase>();
            foreach (JsonElement c in root.GetProperty("cases").EnumerateArray())
            {
                TorchNet net = nets[c.GetProperty("net").GetString()!];
                double l2 = c.GetProperty("l2").GetDouble();
                string optimizer = c.GetProperty("optimizer").GetString()!;
                cases.Add(string.Create(CultureInfo.InvariantCulture, $"{net.Name} l2={l2} {optimizer}"), new TorchCase(c, net, l2, optimizer));
            }

            return new Fixture(root.GetProperty("batchSize").GetInt32(), root.GetProperty("batches").GetInt32(), root.GetProperty("epochs").GetInt32(), cases);
        }

        private static Matrix<float> ToMatrix(JsonElement rows) =>
            Matrix<float>.FromRows([.. rows.EnumerateArray().Select(Flatten)]);
    }
}
