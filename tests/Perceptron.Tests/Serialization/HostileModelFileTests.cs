using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Training;
using static Perceptron.Tests.Data.DataTestFiles;

namespace Perceptron.Tests.Serialization;

/// <summary>Replays the committed corpus of nasty model files (Corpus/, made by make_corpus.py): each either loads or
/// fails with a one-line <see cref="ModelFormatException"/> that names the file and the field.</summary>
public class HostileModelFileTests
{
    /// <summary>Every corpus file and the start of its message after the file name; <see langword="null"/> means it must load.</summary>
    private static readonly Dictionary<string, string?> Expectations = new()
    {
        ["ok-full.json"] = null,
        ["ok-minimal-bare-network.json"] = null,
        ["ok-compact-crlf-reordered.json"] = null,
        ["ok-utf8-bom.json"] = null,
        ["ok-escaped-unicode-names.json"] = null,
        ["ok-no-bias.json"] = null,
        ["ok-extreme-finite-weights.json"] = null,
        ["ok-minmax.json"] = null,
        ["ok-null-preprocessing-no-training.json"] = null,
        ["ok-regression.json"] = null,
        ["ok-sgd-one-sigmoid-two-classes.json"] = null,
        ["ok-v2-digest.json"] = null,
        ["ok-v2-digest-reformatted.json"] = null,
        ["ok-v2-no-digest.json"] = null,
        ["bad-empty.json"] = "is not valid JSON",
        ["bad-truncated.json"] = "is not valid JSON",
        ["bad-truncated-in-base64.json"] = "is not valid JSON",
        ["bad-binary-junk.json"] = "is not valid JSON",
        ["bad-utf16.json"] = "is not valid JSON",
        ["bad-trailing-junk.json"] = "is not valid JSON",
        ["bad-not-an-object.json"] = "must hold a JSON object",
        ["bad-deep-nesting.json"] = "is not valid JSON",
        ["bad-duplicate-field.json"] = "is not valid JSON",
        ["bad-wrong-format.json"] = "field 'format': is 'keras-model', expected 'perceptron-model'",
        ["bad-format-missing.json"] = "field 'format': is missing",
        ["bad-newer-version.json"] = "field 'version': is 3, but this Perceptron reads versions 1 to 2. HINT:",
        ["bad-version-zero.json"] = "field 'version': must be a whole number",
        ["bad-version-string.json"] = "field 'version': must be a whole number",
        ["bad-unknown-field.json"] = "field 'comment': is not part of format version 1",
        ["bad-newline-in-format.json"] = "field 'format': is 'perceptron\\u000amodel'",
        ["bad-lone-surrogate.json"] = "field 'target': is not valid text",
        ["bad-invalid-utf8-feature.json"] = "field 'features[0]': is not valid text",
        ["bad-invalid-utf8-field-name.json"] = "has a field name that is not valid text",
        ["bad-string-too-long.json"] = "field 'target': is longer than 10,000 characters",
        ["bad-huge-inputs.json"] = "field 'inputs': must be a whole number in [1, 1000000]",
        ["bad-inputs-negative.json"] = "field 'inputs': must be a whole number",
        ["bad-inputs-fractional.json"] = "field 'inputs': must be a whole number",
        ["bad-inputs-1e309.json"] = "field 'inputs': must be a whole number",
        ["bad-huge-units.json"] = "field 'layers[0].units': must be a whole number in [1, 1000000]",
        ["bad-huge-parameter-count.json"] = "field 'layers[0]': brings the model to more than 200,000,000 parameters",
        ["bad-too-many-layers.json"] = "field 'layers': must be an array of 1 to 1,000 entries",
        ["bad-no-layers.json"] = "field 'layers': must be an array of 1 to 1,000 entries",
        ["bad-layers-null.json"] = "field 'layers': must be an array",
        ["bad-kernel-shape.json"] = "field 'layers[2].kernel.shape': is [4, 2], but the architecture needs [3, 2]",
        ["bad-kernel-shape-rank.json"] = "field 'layers[0].kernel.shape': must be an array of 2 to 2 entries",
        ["bad-kernel-shape-huge.json"] = "field 'layers[0].kernel.shape': is [2147483647, 2147483647], but the architecture needs [2, 3]",
        ["bad-kernel-missing.json"] = "field 'layers[0].kernel': is missing",
        ["bad-base64-too-short.json"] = "field 'layers[0].kernel.data': must be base64 of exactly 24 bytes",
        ["bad-base64-too-long.json"] = "field 'layers[0].kernel.data': must be base64 of exactly 24 bytes",
        ["bad-base64-invalid-characters.json"] = "field 'layers[0].kernel.data': must be base64 of exactly 24 bytes",
        ["bad-base64-not-a-string.json"] = "field 'layers[0].kernel.data': must be base64 of exactly 24 bytes",
        ["bad-dtype.json"] = "field 'layers[0].kernel.dtype': must be 'float32-le'",
        ["bad-nan-weight.json"] = "field 'layers[0].kernel.data': value 1 is NaN; every weight must be finite",
        ["bad-infinite-bias.json"] = "field 'layers[2].bias.data': value 1 is Infinity; every weight must be finite",
        ["bad-bias-without-use-bias.json"] = "field 'layers[0].bias': is not part of a dense layer with these settings; it has units, activation, initializer, use_bias, l2, l1, kernel",
        ["bad-unknown-layer-kind.json"] = "field 'layers[1].kind': is 'conv2d', expected one of 'dense', 'dropout'",
        ["bad-unknown-activation.json"] = "field 'layers[0].activation': ",
        ["bad-unknown-initializer.json"] = "field 'layers[0].initializer': Unknown initializer 'orthogonal'",
        ["bad-dropout-rate-one.json"] = "field 'layers[1].rate': must be a finite number in [0, 0.999999]",
        ["bad-negative-l2.json"] = "field 'layers[0].l2': must be a finite number in [0, 1000000]",
        ["bad-units-as-string.json"] = "field 'layers[0].units': must be a whole number",
        ["bad-unknown-loss.json"] = "field 'loss': ",
        ["bad-loss-does-not-fit-activation.json"] = "field 'loss': Loss 'binary_crossentropy' needs the last layer",
        ["bad-unknown-optimizer.json"] = "field 'optimizer': Unknown optimizer 'adagrad'",
        ["bad-unknown-optimizer-setting.json"] = "field 'optimizer': Optimizer 'adam' has no setting 'warmup'",
        ["bad-negative-learning-rate.json"] = "field 'optimizer': ",
        ["bad-optimizer-not-object.json"] = "field 'optimizer': must be an object",
        ["bad-unknown-task.json"] = "field 'task': is 'clustering', expected 'classification' or 'regression'",
        ["bad-feature-count.json"] = "field 'features': names 3 features but the model has 2 inputs",
        ["bad-feature-not-string.json"] = "field 'features[1]': must be a string",
        ["bad-class-count.json"] = "field 'classes': names 3 classes but the last layer has 2 outputs",
        ["bad-scaler-zero-std.json"] = "field 'preprocessing': ",
        ["bad-scaler-wrong-length.json"] = "field 'preprocessing.mean': must be an array of 2 to 2 entries",
        ["bad-scaler-unknown-kind.json"] = "field 'preprocessing.kind': is 'robust', expected 'standard' or 'minmax'",
        ["bad-target-scaler-on-classifier.json"] = "field 'target_preprocessing': must be a 'standard' scaler of one column",
        ["bad-training-not-strings.json"] = "field 'training.epochs': must be a string",
        ["bad-v2-flipped-weight-bit.json"] = "field 'layers[2].kernel': does not match its SHA-256 in the file's digest",
        ["bad-v2-edited-class-name.json"] = "the file's content does not match its digest",
        ["bad-v2-digest-algorithm.json"] = "field 'digest.algorithm': is 'md5', expected 'sha256'",
        ["bad-v2-digest-not-hex.json"] = "field 'digest.content': must be 64 hexadecimal digits",
        ["bad-v1-with-digest.json"] = "field 'digest': is not part of format version 1",
        ["ok-v2-class-weights-and-run.json"] = null,
        ["bad-class-weights-count.json"] = "field 'class_weights': must be an array of 2 to 2 entries",
        ["bad-class-weights-negative.json"] = "field 'class_weights[1]': must be a finite number ≥ 0",
        ["bad-class-weights-with-mse.json"] = "field 'class_weights': goes with the loss 'sparse_categorical_crossentropy', not 'mse'",
        ["bad-training-option-nested.json"] = "field 'training.options.layers[0]': must be a number or a string",
        ["bad-training-metric-not-number.json"] = "field 'training.metrics.test.accuracy': must be a finite number",
        ["bad-data-sha256.json"] = "field 'training.data_sha256': must be 64 lower-case hexadecimal digits",
        ["ok-v2-digest-class-weights-and-run.json"] = null,
        ["bad-v2-edited-metric.json"] = "the file's content does not match its digest",
    };

    public static TheoryData<string> CorpusFiles => [.. Expectations.Keys];

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void CorpusFile_LoadsOrFailsNamingTheField(string name)
    {
        string path = Path.Combine(ModelFiles.CorpusFolder, name);
        string? expected = Expectations[name];
        ModelFormatException? error = null;

        Bounded(() =>
        {
            try
            {
                TabularModel file = TabularModel.Load(path);
                Assert.All(file.Network.Parameters.ToArray(), w => Assert.True(float.IsFinite(w)));
            }
            catch (ModelFormatException e)
            {
                error = e;
            }
        });

        if (expected is null)
        {
            Assert.Null(error);
            return;
        }

        Assert.NotNull(error);
        Assert.Equal(path, error.FilePath);
        Assert.StartsWith($"{name}: {expected}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
    }

    [Fact]
    public void Corpus_EveryFileHasAnExpectation()
    {
        string[] files = [.. Directory.GetFiles(ModelFiles.CorpusFolder).Select(Path.GetFileName).Where(n => n != "make_corpus.py").Order(StringComparer.Ordinal)!];

        Assert.Equal(Expectations.Keys.Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public void OkFullFile_LoadsEveryField()
    {
        TabularModel file = TabularModel.Load(Path.Combine(ModelFiles.CorpusFolder, "ok-full.json"));

        Assert.Equal(["a", "b"], file.FeatureNames);
        Assert.Equal(["x", "y"], file.ClassNames);
        Assert.Equal(3, file.Network.Layers.Count);
        Assert.Equal(2 * 3 + 3 + 3 * 2 + 2, file.Network.ParameterCount);
        Assert.Equal("adam", file.Optimizer!.Name);
        Assert.Null(file.Network.Optimizer); // loaded to predict: not compiled

        // A version 1 file's training strings become typed facts.
        Assert.Equal(("test.csv", 3), (file.Training!.Data, file.Training.Epochs));
        Assert.Equal(TrainingOutcome.Completed, file.Training.Outcome);
        Assert.Empty(file.Training.Notes);
    }

    [Fact]
    public void VersionTwoFile_ReadsClassWeightsAndTheRecordedRun()
    {
        TabularModel file = TabularModel.Load(Path.Combine(ModelFiles.CorpusFolder, "ok-v2-class-weights-and-run.json"));

        Assert.Equal([1, 3.5], Assert.IsType<Perceptron.Losses.SparseCategoricalCrossEntropy>(file.Loss).ClassWeights!);
        TrainingFacts facts = file.Training!;
        Assert.Equal((80, 20, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"), (facts.Rows!.Value, facts.TestRows!.Value, facts.DataSha256));
        Assert.Equal(3, facts.Options["layers"][0].GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, facts.Options["learning_rate"].ValueKind);
        Assert.Equal(3.5, facts.Options["class_weight"].GetProperty("y").GetDouble());
        Assert.Equal(0.88, facts.Metrics["test"]["f1_macro"]);
    }

    /// <summary>Class weights, options, metrics, the data hash and the test rows survive a save and a load unchanged.</summary>
    [Fact]
    public void VersionTwoFile_SavedAgain_KeepsEveryNewField()
    {
        string source = Path.Combine(ModelFiles.CorpusFolder, "ok-v2-class-weights-and-run.json");
        TabularModel first = TabularModel.Load(source);
        byte[] bytes = ModelFiles.Bytes(first);

        string path = Path.Combine(Path.GetTempPath(), $"perceptron-v2-run-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllBytes(path, bytes);
            TabularModel again = TabularModel.Load(path);
            Assert.Equal(bytes, ModelFiles.Bytes(again));
            Assert.Equal([1, 3.5], ((Perceptron.Losses.SparseCategoricalCrossEntropy)again.Loss!).ClassWeights!);
            Assert.Equal(first.Training!.Options.Select(o => (o.Key, o.Value.GetRawText())), again.Training!.Options.Select(o => (o.Key, o.Value.GetRawText())));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A version 1 file saved again is version 2, with the facts as numbers, and predicts the same.</summary>
    [Fact]
    public void VersionOneFile_SavedAgain_IsVersionTwoWithTypedFacts()
    {
        TabularModel v1 = TabularModel.Load(Path.Combine(ModelFiles.CorpusFolder, "ok-full.json"));
        string path = Path.Combine(Path.GetTempPath(), $"perceptron-v2-{Guid.NewGuid():N}.json");
        try
        {
            v1.Save(path);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal(2, json.RootElement.GetProperty("version").GetInt32());
            Assert.Equal(3, json.RootElement.GetProperty("training").GetProperty("epochs").GetInt32());
            Assert.Equal("completed", json.RootElement.GetProperty("training").GetProperty("outcome").GetString());

            TabularModel v2 = TabularModel.Load(path);
            var x = new Perceptron.Tensors.Matrix<float>(2, 2, [0.5f, -1f, 3f, 2f]);
            Assert.Equal(v1.Predict(x).Data, v2.Predict(x).Data);
            Assert.Equal(v1.Training, v2.Training! with { Notes = v1.Training!.Notes });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_FileLargerThanTheLimit_IsRejectedBeforeReading()
    {
        string path = Path.Combine(Path.GetTempPath(), $"perceptron-huge-{Guid.NewGuid():N}.json");
        try
        {
            using (var stream = File.Create(path))
            {
                stream.SetLength(ModelReader.MaxFileBytes + 1); // sparse: no disk space used
            }

            var e = Assert.Throws<ModelFormatException>(() => TabularModel.Load(path));
            Assert.Contains($"more than the {ModelReader.MaxFileBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} a model file may have", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
