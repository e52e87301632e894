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

    /// <summary>
    /// Early stopping's memory (best value and epoch, epochs without improvement, best weights) travels in the checkpoint:
    /// the run is interrupted one epoch after its best, when it is counting epochs without improvement, and the resumed
    /// run stops at the same epoch with the same restored weights as the uninterrupted one.
    /// </summary>
    [Theory]
    [InlineData("adam")]
    [InlineData("momentum")]
    public void Resume_WithEarlyStopping_StopsAtTheSameEpochWithTheSameWeights(string optimizer)
    {
        var (x, y) = Data();
        var options = new TrainingOptions { Epochs = 60, BatchSize = 16, ValidationSplit = 0.2 };
        EarlyStopping Stopping() => new(patience: 2, minDelta: 0.002);
        var whole = Create(optimizer, learningRate: 0.05);
        var wholeStopping = Stopping();
        History wholeHistory = whole.Fit(x, y, options with { Callbacks = [wholeStopping] });
        int best = wholeStopping.BestEpoch, stop = wholeHistory.Epochs;
        Assert.True(stop < options.Epochs && best >= 1 && stop == best + 3, $"the reference run must stop early: best {best}, stopped after {stop}");

        // Interrupted just after the checkpoint of epoch best + 1: one epoch without improvement counted.
        using var crash = new CancellationTokenSource();
        var interrupted = Create(optimizer, learningRate: 0.05);
        Assert.Throws<OperationCanceledException>(() => interrupted.Fit(x, y, options with
        {
            Callbacks = [Stopping(), new Checkpoint(Dir), new OnEpoch(best + 1, crash.Cancel)],
            CancellationToken = crash.Token,
        }));

        var checkpoint = TrainingCheckpoint.Load(Dir);
        Assert.Equal(best + 1, checkpoint.Epoch);
        Assert.Equal(1, checkpoint.CallbackStates["early_stopping"].Number("wait"));
        var resumed = Create(optimizer, learningRate: 0.05);
        var resumedStopping = Stopping();
        var saver = new Checkpoint(Dir) { InitialHistory = checkpoint.History };
        checkpoint.Restore(resumed, [resumedStopping, saver]);
        History rest = resumed.Fit(x, y, options with { InitialEpoch = checkpoint.Epoch, Callbacks = [resumedStopping, saver] });

        Assert.Equal(whole.Parameters.ToArray(), resumed.Parameters.ToArray()); // the best epoch's weights, restored at the end
        Assert.Equal((best, stop, wholeHistory.StopReason), (resumedStopping.BestEpoch, checkpoint.Epoch + rest.Epochs, rest.StopReason));
        Assert.All(wholeHistory.Values, series => Assert.Equal(series.Value, checkpoint.History.Then(rest)[series.Key]));

        // The epoch where it stopped was saved too: resuming from there stops at once, with the same weights.
        var final = TrainingCheckpoint.Load(Dir);
        Assert.Equal(stop, final.Epoch);
        var again = Create(optimizer, learningRate: 0.05);
        var againStopping = Stopping();
        final.Restore(again, [againStopping]);
        History none = again.Fit(x, y, options with { InitialEpoch = final.Epoch, Callbacks = [againStopping] });
        Assert.Equal((0, wholeHistory.StopReason), (none.Epochs, none.StopReason));
        Assert.Equal(whole.Parameters.ToArray(), again.Parameters.ToArray());
    }

    [Fact]
    public void Restore_WithOtherStatefulCallbacksThanTheSavedRun_Throws()
    {
        var (x, y) = Data();
        Create("adam").Fit(x, y, new TrainingOptions { Epochs = 2, ValidationSplit = 0.2, Callbacks = [new EarlyStopping(patience: 3), new Checkpoint(Dir)] });
        var checkpoint = TrainingCheckpoint.Load(Dir);

        var without = Assert.Throws<ArgumentException>(() => checkpoint.Restore(Create("adam")));
        Assert.Contains("holds the state of 'early_stopping', a callback this run does not have", without.Message, StringComparison.Ordinal);
        var other = Assert.Throws<ArgumentException>(() => checkpoint.Restore(Create("adam"), [new EarlyStopping(patience: 4)]));
        Assert.Contains("early stopping has patience 3, monitor 'val_loss', min delta 0, restoring the best weights but this run's has patience 4", other.Message, StringComparison.Ordinal);

        Create("adam").Fit(x, y, new TrainingOptions { Epochs = 1, Callbacks = [new Checkpoint(Dir)] });
        var extra = Assert.Throws<ArgumentException>(() => TrainingCheckpoint.Load(Dir).Restore(Create("adam"), [new EarlyStopping()]));
        Assert.Contains("holds no state for 'early_stopping'", extra.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_CheckpointBeforeAStatefulCallback_Throws()
    {
        var (x, y) = Data();
        var e = Assert.Throws<InvalidOperationException>(() => Create("adam").Fit(x, y, new TrainingOptions { Callbacks = [new Checkpoint(Dir), new EarlyStopping()] }));
        Assert.Contains("EarlyStopping comes after Checkpoint in the callbacks; put Checkpoint last", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A checkpoint written before callback states existed (format 1) resumes with early stopping starting afresh, as it did.</summary>
    [Fact]
    public void Restore_VersionOneCheckpoint_LetsCallbacksStartAfresh()
    {
        var checkpoint = TrainingCheckpoint.Load(Path.Combine(AppContext.BaseDirectory, "Serialization", "Saved", "v1-checkpoint"));
        Assert.Empty(checkpoint.CallbackStates);
        var model = TabularTrainerModel(checkpoint);

        checkpoint.Restore(model, [new EarlyStopping(patience: 3)]);

        Assert.Equal(checkpoint.Model.Network.Parameters.ToArray(), model.Parameters.ToArray());
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
    [InlineData("newer-version", "training-state.json: field 'version': is 3, but this Perceptron reads versions 1 to 2. HINT:")]
    [InlineData("unknown-field", "training-state.json: field 'rng': is not part of format version 2")]
    [InlineData("flipped-state-bit", "training-state.json: field 'optimizer.state[0]': does not match its SHA-256 in the file's digest")]
    [InlineData("edited-history", "training-state.json: the file's content does not match its digest")]
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
            case "newer-version": File.WriteAllText(state, text.Replace("\"version\": 2", "\"version\": 3", StringComparison.Ordinal)); break;
            case "flipped-state-bit": File.WriteAllText(state, FlipFirstStateBit(text)); break;
            case "edited-history": File.WriteAllText(state, System.Text.RegularExpressions.Regex.Replace(text, "\"loss\": \\[\\s*[0-9.]+", "\"loss\": [ 0.5")); break;
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

    /// <summary>The network of a checkpoint saved by <c>perceptron train</c>, built and compiled afresh from its description.</summary>
    private static Sequential TabularTrainerModel(TrainingCheckpoint checkpoint)
    {
        var saved = checkpoint.Model;
        Layer<float>[] layers = [.. saved.Network.Layers.Select(layer => layer switch
        {
            Dense<float> dense => (Layer<float>)new Dense(dense.Units, dense.Activation, dense.KernelInitializer, dense.UseBias, dense.L2),
            Dropout<float> dropout => new Dropout(dropout.Rate),
            _ => throw new NotSupportedException(layer.Kind),
        })];
        var model = new Sequential(layers) { Seed = saved.Network.Seed };
        model.Compile(saved.Optimizer!.Create(), saved.Loss!);
        model.Build(saved.Network.Inputs);
        return model;
    }

    private static string FlipFirstStateBit(string text)
    {
        string data = System.Text.Json.Nodes.JsonNode.Parse(text)!["optimizer"]!["state"]![0]!["data"]!.GetValue<string>();
        byte[] bytes = Convert.FromBase64String(data);
        bytes[0] ^= 1;
        return text.Replace($"\"{data}\"", $"\"{Convert.ToBase64String(bytes)}\"", StringComparison.Ordinal);
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
