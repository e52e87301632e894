using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Perceptron.Optimizers;
using Perceptron.Training;
using Perceptron.Training.Callbacks;

namespace Perceptron.Serialization;

/// <summary>
/// A training run saved at an epoch boundary, so it can be resumed with bit-identical results: the model file, the
/// optimizer's state, the number of epochs completed and the history so far (docs/reliability.md).
/// </summary>
/// <remarks>
/// <para>A checkpoint is a folder holding <c>model-epoch-N.json</c> (an ordinary model file) and
/// <c>training-state.json</c>, which names that model file with its SHA-256 and holds the optimizer's step count and
/// state buffers (base64 float32), the history and the state of stateful callbacks (<see cref="IStatefulCallback"/>,
/// such as <see cref="EarlyStopping"/>). Each file is written atomically, the state file last, and older model files
/// are removed only after it: a crash while saving leaves the previous checkpoint whole.</para>
/// <para>Shuffling and dropout depend only on the seed and the epoch, so weights, optimizer state and epoch are all
/// that resuming needs; the caller supplies the same data, batch size and options.</para>
/// </remarks>
/// <example>
/// <code>
/// var checkpoint = TrainingCheckpoint.Load("run1");          // validated
/// var stopping = new EarlyStopping(patience: 5);
/// checkpoint.Restore(model, [stopping]);                    // same architecture, optimizer and callbacks
/// model.Fit(x, y, options with { InitialEpoch = checkpoint.Epoch, Callbacks = [stopping, new Checkpoint("run1")] });
/// </code>
/// </example>
public sealed class TrainingCheckpoint
{
    /// <summary>The state file's format name, its first field.</summary>
    public const string FormatName = "perceptron-checkpoint";

    /// <summary>The state file's format version written by <see cref="Save(string, ModelDocument, int, History)"/> (version 1, without callback states, is still read).</summary>
    public const int FormatVersion = 2;

    /// <summary>The state file's name inside the checkpoint folder.</summary>
    public const string StateFileName = "training-state.json";

    internal TrainingCheckpoint(ModelDocument model, int epoch, History history, OptimizerSnapshot optimizer, IReadOnlyDictionary<string, CallbackState>? callbackStates)
    {
        (Model, Epoch, History, Optimizer) = (model, epoch, history, optimizer);
        CallbackStates = callbackStates ?? new Dictionary<string, CallbackState>();
        HasCallbackStates = callbackStates is not null;
    }

    /// <summary>The model (weights, preprocessing, names) as of the checkpoint.</summary>
    public ModelDocument Model { get; }

    /// <summary>Epochs completed; pass it as <see cref="TrainingOptions.InitialEpoch"/> to continue.</summary>
    public int Epoch { get; }

    /// <summary>The per-epoch logs of the epochs completed.</summary>
    public History History { get; }

    /// <summary>The saved state of each stateful callback, by <see cref="IStatefulCallback.StateName"/>.</summary>
    public IReadOnlyDictionary<string, CallbackState> CallbackStates { get; }

    /// <summary>The optimizer's step count, learning rates and state buffers.</summary>
    internal OptimizerSnapshot Optimizer { get; }

    /// <summary>False for a version 1 state file, which predates callback states: its callbacks start afresh.</summary>
    internal bool HasCallbackStates { get; }

    /// <summary>Whether <paramref name="directory"/> holds a checkpoint (its state file exists).</summary>
    /// <param name="directory">A checkpoint folder.</param>
    /// <returns>True when the state file exists.</returns>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, StateFileName));

    /// <summary>Saves a checkpoint into <paramref name="directory"/> (created if needed), replacing the one there.</summary>
    /// <param name="directory">The checkpoint folder.</param>
    /// <param name="model">The model file to save; its network must be compiled.</param>
    /// <param name="epoch">Epochs completed.</param>
    /// <param name="history">The logs of those epochs.</param>
    /// <exception cref="IOException">The folder cannot be created or written.</exception>
    public static void Save(string directory, ModelDocument model, int epoch, History history) =>
        Save(directory, model, epoch, history, new Dictionary<string, CallbackState>());

    /// <summary>Saves a checkpoint with the state of stateful callbacks; see <see cref="Save(string, ModelDocument, int, History)"/>.</summary>
    /// <param name="directory">The checkpoint folder.</param>
    /// <param name="model">The model file to save; its network must be compiled.</param>
    /// <param name="epoch">Epochs completed.</param>
    /// <param name="history">The logs of those epochs.</param>
    /// <param name="callbackStates">Each stateful callback's <see cref="IStatefulCallback.SaveState"/>, by its state name.</param>
    /// <exception cref="IOException">The folder cannot be created or written.</exception>
    /// <exception cref="InvalidOperationException">The state would be larger than a state file may be.</exception>
    public static void Save(string directory, ModelDocument model, int epoch, History history, IReadOnlyDictionary<string, CallbackState> callbackStates)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(callbackStates);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        var optimizer = model.Network.Optimizer ?? throw new InvalidOperationException("The model is not compiled; a checkpoint needs its optimizer.");

        // Refuse now what could never be resumed: the state file is read in one piece.
        long floats = optimizer.State.OfType<float[]>().Sum(buffer => (long)buffer.Length) + callbackStates.Values.Sum(state => state.Arrays.Values.Sum(array => (long)array.Length));
        if ((4 * floats + 2) / 3 * 4 > CheckpointReader.MaxFileBytes)
        {
            throw new InvalidOperationException(
                $"This run's state ({Data.MessageText.Count(floats)} float32 values of optimizer and callback state) is larger than a checkpoint state file may be ({Data.MessageText.Count(CheckpointReader.MaxFileBytes)} bytes); train without checkpoints, or with a smaller model.");
        }

        Directory.CreateDirectory(directory);

        // 1. the model file, under a name of its own, so the checkpoint it replaces stays whole until step 3
        string modelName = string.Create(CultureInfo.InvariantCulture, $"model-epoch-{epoch}.json");
        string modelPath = Path.Combine(directory, modelName);
        model.Save(modelPath);
        string hash = Sha256(modelPath);

        // 2. the state, which names the model file: writing it switches the checkpoint over in one rename
        FileDigest.WriteFile(Path.Combine(directory, StateFileName), CheckpointReader.MaxDepth, json =>
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("version", FormatVersion);
            json.WriteString("model", modelName);
            json.WriteString("model_sha256", hash);
            json.WriteNumber("epoch", epoch);
            json.WriteStartObject("optimizer");
            json.WriteString("name", optimizer.Name);
            json.WriteNumber("initial_learning_rate", optimizer.InitialLearningRate);
            json.WriteNumber("learning_rate", optimizer.LearningRate);
            json.WriteNumber("iterations", optimizer.Iterations);
            json.WriteStartArray("state");
            foreach (Array? buffer in optimizer.State)
            {
                if (buffer is float[] values)
                {
                    ModelWriter.WriteTensor(json, null, [values.Length], values);
                }
                else
                {
                    json.WriteNullValue(); // a buffer the optimizer never used
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("history");
            foreach (var (key, series) in history.Values)
            {
                json.WriteStartArray(key);
                foreach (double value in series)
                {
                    // JSON has no NaN or ∞: they are written as null.
                    if (double.IsFinite(value))
                    {
                        json.WriteNumberValue(value);
                    }
                    else
                    {
                        json.WriteNullValue();
                    }
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            WriteCallbackStates(json, callbackStates);
            json.WriteEndObject();
        });

        // 3. only now is the previous checkpoint's model file unreferenced
        foreach (string old in Directory.EnumerateFiles(directory, "model-epoch-*.json"))
        {
            if (Path.GetFileName(old) != modelName)
            {
                File.Delete(old);
            }
        }
    }

    /// <summary>Reads and validates a checkpoint folder.</summary>
    /// <param name="directory">The checkpoint folder.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="ModelFormatException">A defect in the state file or the model file, naming the file and the field.</exception>
    /// <exception cref="IOException">The folder or a file cannot be read.</exception>
    public static TrainingCheckpoint Load(string directory) => CheckpointReader.Read(directory);

    /// <summary>
    /// Puts the checkpoint's weights and optimizer state into <paramref name="model"/>, which must be built and compiled
    /// with the same layers and optimizer settings; then train it with <see cref="TrainingOptions.InitialEpoch"/> = <see cref="Epoch"/>.
    /// For a checkpoint that holds callback states, use <see cref="Restore(Sequential{float}, IEnumerable{Callback})"/>.
    /// </summary>
    /// <param name="model">The model to restore into.</param>
    /// <exception cref="ArgumentException">The model's layers or optimizer differ from the checkpoint's, or the checkpoint holds a callback's state.</exception>
    public void Restore(Sequential<float> model) => Restore(model, []);

    /// <summary>
    /// Puts the checkpoint's weights and optimizer state into <paramref name="model"/> and each stateful callback's
    /// state into the callback of that name, to train with <see cref="TrainingOptions.InitialEpoch"/> = <see cref="Epoch"/>
    /// and those callbacks. The model must be built and compiled with the same layers and optimizer settings, and the
    /// stateful callbacks must be those of the run that saved the checkpoint, with the same settings.
    /// </summary>
    /// <param name="model">The model to restore into.</param>
    /// <param name="callbacks">The callbacks the resumed run will use (those that are not stateful are ignored).</param>
    /// <exception cref="ArgumentException">The layers, the optimizer or the stateful callbacks differ from the checkpoint's.</exception>
    public void Restore(Sequential<float> model, IEnumerable<Callback> callbacks)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(callbacks);
        var stateful = callbacks.OfType<IStatefulCallback>().ToList();
        var saved = Model.Network;
        if (!model.IsBuilt || model.Optimizer is null)
        {
            throw new InvalidOperationException("Build and compile the model before restoring a checkpoint into it.");
        }

        string expected = Describe(saved), found = Describe(model);
        if (expected != found)
        {
            throw new ArgumentException($"The checkpoint holds {expected} but the model is {found}; resume with the same architecture.", nameof(model));
        }

        if (model.Optimizer.Name != Optimizer.Name || model.Optimizer.InitialLearningRate != Optimizer.InitialLearningRate
            || Model.Optimizer is not { } savedOptimizer || !OptimizerConfig.Of(model.Optimizer).SameApartFromLearningRate(savedOptimizer))
        {
            throw new ArgumentException(
                $"The checkpoint was trained with {Model.Optimizer} (initial learning rate {Optimizer.InitialLearningRate.ToString(CultureInfo.InvariantCulture)}) but the model has {model.Optimizer}; resume with the same optimizer settings.",
                nameof(model));
        }

        // The stateful callbacks must be the saved run's (a version 1 checkpoint saved none: they start afresh). They are
        // checked before anything is restored, so a refusal leaves the model as it was.
        if (HasCallbackStates && stateful.Find(callback => !CallbackStates.ContainsKey(callback.StateName)) is { } extra)
        {
            throw new ArgumentException($"The checkpoint holds no state for '{extra.StateName}': the run that saved it did not have that callback; resume with the same callbacks.", nameof(callbacks));
        }

        if (CallbackStates.Keys.FirstOrDefault(name => !stateful.Exists(callback => callback.StateName == name)) is { } missing)
        {
            throw new ArgumentException($"The checkpoint holds the state of '{missing}', a callback this run does not have; resume with the same callbacks.", nameof(callbacks));
        }

        foreach (var callback in stateful)
        {
            if (CallbackStates.TryGetValue(callback.StateName, out var state))
            {
                callback.RestoreState(state);
            }
        }

        saved.Parameters.CopyTo(model.Parameters);
        model.Optimizer.Iterations = Optimizer.Iterations;
        model.Optimizer.State = [.. Optimizer.State.Select(buffer => (Array)buffer?.Clone()!)];
        model.Optimizer.LearningRate = Optimizer.LearningRate;
    }

    /// <summary>The architecture in one line, for comparison: each layer's shape and settings (whatever its kind).</summary>
    private static string Describe(Sequential<float> model) => string.Join(" → ", model.Layers.Select(layer =>
        $"{layer} [{string.Join(", ", layer.GetConfig().Select(setting => string.Create(CultureInfo.InvariantCulture, $"{setting.Key}={setting.Value}")))}]"));

    /// <summary>Each callback's numbers (NaN and ±∞ as the strings "NaN", "Infinity", "-Infinity"), texts and arrays.</summary>
    private static void WriteCallbackStates(Utf8JsonWriter json, IReadOnlyDictionary<string, CallbackState> states)
    {
        json.WriteStartObject("callbacks");
        foreach (var (name, state) in states)
        {
            json.WriteStartObject(name);
            json.WriteStartObject("numbers");
            foreach (var (key, value) in state.Numbers)
            {
                if (double.IsFinite(value))
                {
                    json.WriteNumber(key, value);
                }
                else
                {
                    json.WriteString(key, value.ToString(CultureInfo.InvariantCulture));
                }
            }

            json.WriteEndObject();
            json.WriteStartObject("texts");
            foreach (var (key, value) in state.Texts)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteStartObject("arrays");
            foreach (var (key, values) in state.Arrays)
            {
                ModelWriter.WriteTensor(json, key, [values.Length], values);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    internal static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>An optimizer's state as saved: step count, learning rates, state buffers (float32, one per kind, or null).</summary>
internal sealed record OptimizerSnapshot(string Name, double InitialLearningRate, double LearningRate, long Iterations, float[]?[] State);
