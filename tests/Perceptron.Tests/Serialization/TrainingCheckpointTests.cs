using Perceptron.Activations;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Metrics;
using Perceptron.Optimizers;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Tensors;
using Perceptron.Training;
using Perceptron.Training.Callbacks;

namespace Perceptron.Tests.Serialization;

public sealed class TrainingCheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("perceptron-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Dir => Path.Combine(_folder, "run");

    public static TheoryData<string> OptimizerNames => ["momentum", "nesterov", "adam", "adamw", "rmsprop"];

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void Resume_FromFilesAfterAnInterruption_GivesBitIdenticalWeightsAndHistory(string optimizer)
    {
        var (x, y) = Data();
        var options = new TrainingOptions { Epochs = 7, BatchSize = 16, ValidationSplit = 0.2 };
        var whole = Create(optimizer);
        History wholeHistory = whole.Fit(x, y, options);

        // The interrupted run: checkpoints every 2 epochs, then a crash (cancellation) during epoch 6.
        using var crash = new CancellationTokenSource();
        var interrupted = Create(optimizer);
        var stopAtFive = new OnEpoch(5, crash.Cancel);
        Assert.Throws<OperationCanceledException>(() => interrupted.Fit(x, y, options with
        {
            Callbacks = [new Checkpoint(Dir, every: 2), stopAtFive],
            CancellationToken = crash.Token,
        }));

        // A new process: a fresh model, the checkpoint restored into it, training continued from epoch 4.
        var checkpoint = TrainingCheckpoint.Load(Dir);
        Assert.Equal(4, checkpoint.Epoch);
        var resumed = Create(optimizer);
        checkpoint.Restore(resumed);
        History rest = resumed.Fit(x, y, options with { InitialEpoch = checkpoint.Epoch, Callbacks = [new Checkpoint(Dir) { InitialHistory = checkpoint.History }] });

        Assert.Equal(whole.Parameters.ToArray(), resumed.Parameters.ToArray());
        Assert.Equal(whole.Optimizer!.Iterations, resumed.Optimizer!.Iterations);
        History joined = checkpoint.History.Then(rest);
        Assert.Equal(wholeHistory.Values.Keys.Order(), joined.Values.Keys.Order());
        Assert.All(wholeHistory.Values, s => Assert.Equal(s.Value, joined[s.Key]));

        // The last save holds the whole run.
        var final = TrainingCheckpoint.Load(Dir);
        Assert.Equal(7, final.Epoch);
        Assert.Equal(wholeHistory["loss"], final.History["loss"]);
        Assert.Equal(whole.Parameters.ToArray(), final.Model.Network.Parameters.ToArray());
        Assert.Equal(["model-epoch-7.json", TrainingCheckpoint.StateFileName], Directory.GetFiles(Dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Save_Load_RoundTripsOptimizerStateAndHistory()
    {
        var (x, y) = Data();
        var model = Create("adam");
        History history = model.Fit(x, y, new TrainingOptions { Epochs = 2, BatchSize = 32 });

        TrainingCheckpoint.Save(Dir, new ModelDocument { Network = model }, 2, history);
        var loaded = TrainingCheckpoint.Load(Dir);

        Assert.Equal(2, loaded.Epoch);
        Assert.Equal(history["loss"], loaded.History["loss"]);
        Assert.Equal(model.Optimizer!.Iterations, loaded.Optimizer.Iterations);
        Assert.Equal(model.Optimizer.State.Length, loaded.Optimizer.State.Length);
        for (int i = 0; i < loaded.Optimizer.State.Length; i++)
        {
            Assert.Equal((float[])model.Optimizer.State[i], loaded.Optimizer.State[i]);
        }
    }

    [Fact]
    public void Restore_IntoADifferentArchitectureOrOptimizer_Throws()
    {
        var (x, y) = Data();
        var model = Create("adam");
        model.Fit(x, y, new TrainingOptions { Epochs = 1, Callbacks = [new Checkpoint(Dir)] });
        var checkpoint = TrainingCheckpoint.Load(Dir);

        var wider = new Sequential(new Dense(9, Activation.Relu), new Dropout(0.25), new Dense(1)) { Seed = 3 };
        wider.Compile(new Adam(0.01), new MeanSquaredError());
        wider.Build(2);
        Assert.Contains("resume with the same architecture", Assert.Throws<ArgumentException>(() => checkpoint.Restore(wider)).Message, StringComparison.Ordinal);
        var otherRate = Create("adam", learningRate: 0.02);
        Assert.Contains("resume with the same optimizer settings", Assert.Throws<ArgumentException>(() => checkpoint.Restore(otherRate)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => checkpoint.Restore(Create("rmsprop")));
    }

    [Fact]
    public void Checkpoint_DivergingEpoch_IsNotSavedAsComplete()
    {
        var (x, y) = Data();
        var model = new Sequential(new Dense(8, Activation.Relu), new Dense(1)) { Seed = 2 };
        model.Compile(new Sgd(1e6), new MeanSquaredError());
        var checkpoint = new Checkpoint(Dir);

        History history = model.Fit(x, y, new TrainingOptions { Epochs = 5, BatchSize = 16, Callbacks = [checkpoint] });

        Assert.True(history.Diverged);
        Assert.True(checkpoint.LastSavedEpoch is null || checkpoint.LastSavedEpoch < history.Epochs, $"saved {checkpoint.LastSavedEpoch}, recorded {history.Epochs}");
    }

    [Fact]
    public void Load_AfterACrashBetweenModelAndState_GivesThePreviousCheckpoint()
    {
        var (x, y) = Data();
        var model = Create("adam");
        model.Fit(x, y, new TrainingOptions { Epochs = 2, Callbacks = [new Checkpoint(Dir)] });
        byte[] before = File.ReadAllBytes(Path.Combine(Dir, "model-epoch-2.json"));

        // Step 1 of the next save done (a new model file), step 2 (the state) never happened.
        File.WriteAllText(Path.Combine(Dir, "model-epoch-3.json"), "{ half a fi");

        var checkpoint = TrainingCheckpoint.Load(Dir);
        Assert.Equal(2, checkpoint.Epoch);
        Assert.Equal(model.Parameters.ToArray(), checkpoint.Model.Network.Parameters.ToArray());
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(Dir, "model-epoch-2.json")));
    }

    [Theory]
    [InlineData("truncate", "training-state.json: is not valid JSON")]
    [InlineData("tamper-model", "training-state.json: field 'model_sha256': does not match 'model-epoch-1.json'")]
    [InlineData("delete-model", "training-state.json: field 'model': names 'model-epoch-1.json', which is not in the folder")]
    [InlineData("escape-folder", "training-state.json: field 'model': must be the name of a model file inside the checkpoint folder")]
    [InlineData("short-state", "training-state.json: field 'optimizer.state[0].data': must be base64 of exactly")]
    [InlineData("negative-iterations", "training-state.json: field 'optimizer.iterations': must be a whole number ≥ 0")]
    [InlineData("wrong-optimizer", "training-state.json: field 'optimizer.name': is 'sgd' but the model file's optimizer is 'adam'")]
    [InlineData("long-history", "training-state.json: field 'history.loss': must be an array of 0 to 1 entries")]
    [InlineData("newer-version", "training-state.json: field 'version': is 2, but this Perceptron reads version 1. HINT:")]
    [InlineData("unknown-field", "training-state.json: field 'rng': is not part of format version 1")]
    public void Load_DamagedCheckpoint_NamesTheFileAndField(string damage, string expected)
    {
        var (x, y) = Data();
        Create("adam").Fit(x, y, new TrainingOptions { Epochs = 1, Callbacks = [new Checkpoint(Dir)] });
        string state = Path.Combine(Dir, TrainingCheckpoint.StateFileName), model = Path.Combine(Dir, "model-epoch-1.json");
        string text = File.ReadAllText(state);
        switch (damage)
        {
            case "truncate": File.WriteAllText(state, text[..(text.Length / 2)]); break;
            case "tamper-model": File.WriteAllText(model, File.ReadAllText(model).Replace("\"seed\": 3", "\"seed\": 4", StringComparison.Ordinal)); break;
            case "delete-model": File.Delete(model); break;
            case "escape-folder": File.WriteAllText(state, text.Replace("\"model-epoch-1.json\"", "\"../model-epoch-1.json\"", StringComparison.Ordinal)); break;
            case "short-state": File.WriteAllText(state, System.Text.RegularExpressions.Regex.Replace(text, "\"data\": \"[^\"]+\"", "\"data\": \"AAAA\"")); break;
            case "negative-iterations": File.WriteAllText(state, System.Text.RegularExpressions.Regex.Replace(text, "\"iterations\": \\d+", "\"iterations\": -1")); break;
            case "wrong-optimizer": File.WriteAllText(state, text.Replace("\"name\": \"adam\"", "\"name\": \"sgd\"", StringComparison.Ordinal)); break;
            case "long-history": File.WriteAllText(state, System.Text.RegularExpressions.Regex.Replace(text, "\"loss\": \\[", "\"loss\": [ 1, ")); break;
            case "newer-version": File.WriteAllText(state, text.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)); break;
            case "unknown-field": File.WriteAllText(state, text.Replace("\"epoch\":", "\"rng\": 5, \"epoch\":", StringComparison.Ordinal)); break;
        }

        var e = Assert.Throws<ModelFormatException>(() => TrainingCheckpoint.Load(Dir));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Load_MissingFolderOrState_IsAnIOException()
    {
        Assert.Throws<DirectoryNotFoundException>(() => TrainingCheckpoint.Load(Path.Combine(_folder, "nope")));
        Directory.CreateDirectory(Dir);
        Assert.Contains("holds no checkpoint", Assert.Throws<FileNotFoundException>(() => TrainingCheckpoint.Load(Dir)).Message, StringComparison.Ordinal);
    }

    /// <summary>A small regression network with dropout, so resuming must reproduce the dropout masks too.</summary>
    private static Sequential Create(string optimizer, double learningRate = 0.01)
    {
        var model = new Sequential(new Dense(8, Activation.Relu), new Dropout(0.25), new Dense(1)) { Seed = 3 };
        model.Compile(OptimizerFactory.Create(optimizer, new Dictionary<string, double> { ["learning_rate"] = learningRate }), new MeanSquaredError(), new MeanAbsoluteErrorMetric());
        model.Build(2);
        return model;
    }

    private static (Matrix<float> X, Matrix<float> Y) Data()
    {
        var random = new Random(12);
        var x = new Matrix<float>(100, 2);
        var y = new Matrix<float>(100, 1);
        for (int row = 0; row < 100; row++)
        {
            x[row, 0] = (float)random.NextDouble();
            x[row, 1] = (float)random.NextDouble();
            y[row, 0] = x[row, 0] + x[row, 1];
        }

        return (x, y);
    }

    /// <summary>Runs an action at the end of one epoch.</summary>
    private sealed class OnEpoch(int epoch, Action action) : Callback
    {
        public override void OnEpochEnd(ITrainingModel model, EpochResult result)
        {
            if (result.Epoch == epoch)
            {
                action();
            }
        }
    }
}
