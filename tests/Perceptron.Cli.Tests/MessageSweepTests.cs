using System.Text.RegularExpressions;

namespace Perceptron.Cli.Tests;

/// <summary>
/// Sweeps every user-facing error path of the command line (the hostile data and model corpora through each command,
/// bad options, damaged checkpoints, IDX files, a one-row file, swapped arguments) for .NET's own text: parameter
/// names, "Actual value was", parser positions and stack frames have no place in a message for a person.
/// </summary>
public sealed partial class MessageSweepTests(MessageSweepTests.Files files) : IClassFixture<MessageSweepTests.Files>
{
    /// <summary>What .NET appends to or puts in exception messages, never meant for the user.</summary>
    private static readonly string[] Forbidden = ["(Parameter", "Actual value", "LineNumber:", "BytePositionInLine", "unexpected error"];

    private static string DataCorpus(string name) => Path.Combine(AppContext.BaseDirectory, "DataCorpus", name);

    private static string ModelCorpus(string name) => Path.Combine(AppContext.BaseDirectory, "ModelCorpus", name);

    public static TheoryData<string> DataFiles =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "DataCorpus"), "bad-*").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> ModelFiles =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ModelCorpus"), "bad-*.json").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    /// <summary>Each hostile CSV or IDX file as training data, and as data to predict and evaluate with a good model.</summary>
    [Theory]
    [MemberData(nameof(DataFiles))]
    public void HostileDataFile_EveryCommand_SaysWhatIsWrongInPlainWords(string name)
    {
        string path = DataCorpus(name);
        bool idx = name.Contains(".idx", StringComparison.Ordinal), labels = name.Contains(".idx1", StringComparison.Ordinal);
        string[] train = !idx ? ["train", path] : labels ? ["train", files.Images, "--labels", path] : ["train", path, "--labels", files.Labels];
        AssertPlainFailure(CliRunner.Run([.. train, "--epochs", "1", "--quiet"]), name);
        AssertPlainFailure(CliRunner.Run(["cv", .. train[1..], "--folds", "2", "--epochs", "1", "--quiet"]), name);
        AssertPlainFailure(CliRunner.Run(["tune", .. train[1..], "--trials", "1", "--folds", "2", "--epochs", "1", "--quiet"]), name);
        if (!labels)
        {
            AssertPlainFailure(CliRunner.Run("predict", idx ? files.DigitsModel : files.IrisModel, path), name);
            AssertPlainFailure(CliRunner.Run("evaluate", files.IrisModel, path), name);
        }
    }

    /// <summary>Each hostile model file through every command that reads a model.</summary>
    [Theory]
    [MemberData(nameof(ModelFiles))]
    public void HostileModelFile_EveryCommand_SaysWhatIsWrongInPlainWords(string name)
    {
        string model = ModelCorpus(name);
        AssertPlainFailure(CliRunner.Run("info", model), name);
        AssertPlainFailure(CliRunner.Run("predict", model, files.IrisCsv), name);
        AssertPlainFailure(CliRunner.Run("evaluate", model, "iris"), name);
        AssertPlainFailure(CliRunner.Run("export", model, "--onnx", files.File($"{name}.onnx")), name);
    }

    /// <summary>Command lines with a mistake, one per line, arguments separated by spaces (WINE: a CSV file).</summary>
    public static TheoryData<string> BadCommandLines =>
    [
        "train iris --epochs abc",
        "train iris --epochs -1",
        "train iris --batch-size 0",
        "train iris --layers 0",
        "train iris --layers 8,x",
        "train iris --learning-rate -1",
        "train iris --learning-rate nan",
        "train iris --learning-rate 1e400",
        "train iris --dropout 1",
        "train iris --dropout -0.5",
        "train iris --l2 -1",
        "train iris --validation-split 1",
        "train iris --test-split -0.1",
        "train iris --optimizer adagrad",
        "train iris --activation swish",
        "train iris --scaling log",
        "train iris --task clustering",
        "train WINE --target nope",
        "train WINE --target 99",
        "train WINE --task clustering",
        "train iris --threads 0",
        "train iris --seed x",
        "train iris --early-stopping -1",
        "train iris --clip-norm 0",
        "train iris --checkpoint-every 0",
        "train iris --frobnicate",
        "train no-such-data-set",
        "train iris --labels labels.idx1",
        "frobnicate",
        "predict",
        "predict only-one-argument.json",
        "info missing.json",
        "evaluate missing.json iris",
        "export missing.json --onnx out.onnx",
        "datasets extra",
        "cv",
        "cv iris --folds 1",
        "cv iris --folds x",
        "cv iris --folds 1000",
        "cv iris --epochs 0",
        "tune",
        "tune iris --trials 0",
        "tune iris --search exhaustive",
        "tune iris --metric nope",
        "tune iris --metric r2",
        "tune iris --holdout 1",
        "tune iris --folds 1",
        "tune iris --out missing-folder/model.json",
    ];

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public void BadCommandLine_SaysWhatIsWrongInPlainWords(string commandLine) =>
        AssertPlainFailure(CliRunner.Run([.. commandLine.Split(' ').Select(arg => arg == "WINE" ? CliRunner.DataFile("wine.csv") : arg)]), null);

    /// <summary>The swapped arguments people type: data where the model goes, and the other way round.</summary>
    [Fact]
    public void SwappedArguments_SayWhatIsWrongInPlainWords()
    {
        AssertPlainFailure(CliRunner.Run("predict", files.IrisCsv, files.IrisModel), "iris.csv");
        AssertPlainFailure(CliRunner.Run("evaluate", files.IrisCsv, files.IrisModel), "iris.csv");
        AssertPlainFailure(CliRunner.Run("info", files.IrisCsv), "iris.csv");
        AssertPlainFailure(CliRunner.Run("export", files.IrisCsv, "--onnx", files.File("x.onnx")), "iris.csv");
        AssertPlainFailure(CliRunner.Run("train", files.IrisModel), "model.json");
        AssertPlainFailure(CliRunner.Run("cv", files.IrisModel), "model.json");
        AssertPlainFailure(CliRunner.Run("tune", files.IrisModel), "model.json");
        AssertPlainFailure(CliRunner.Run("train", files.Labels, "--labels", files.Images), "labels.idx1");
    }

    /// <summary>Files too small to split or learn from.</summary>
    [Theory]
    [InlineData("one-row.csv", "a,b,label\n1,2,x\n")]
    [InlineData("two-rows.csv", "a,b,label\n1,2,x\n3,4,y\n")]
    [InlineData("one-class.csv", "a,b,label\n1,2,x\n3,4,x\n5,6,x\n7,8,x\n")]
    public void TinyFile_SaysWhatIsWrongInPlainWords(string name, string content)
    {
        string path = files.File(name);
        File.WriteAllText(path, content);

        string[][] commandLines =
        [
            ["train", path, "--epochs", "1", "--quiet"],
            ["cv", path, "--folds", "2", "--epochs", "1", "--quiet"],
            ["tune", path, "--trials", "1", "--folds", "2", "--epochs", "1", "--quiet"],
        ];
        foreach (string[] commandLine in commandLines)
        {
            var result = CliRunner.Run(commandLine);
            if (result.ExitCode != 0)
            {
                AssertPlainFailure(result, name);
            }
        }
    }

    /// <summary>IDX files whose counts say there is nothing to learn from.</summary>
    [Fact]
    public void EmptyIdxFiles_SayWhichFile()
    {
        string images = files.File("zero-images.idx3"), labels = files.File("zero-labels.idx1");
        File.WriteAllBytes(images, [0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28]);
        File.WriteAllBytes(labels, [0, 0, 8, 1, 0, 0, 0, 0]);

        AssertPlainFailure(CliRunner.Run("train", images, "--labels", labels, "--epochs", "1", "--quiet"), "zero-");
        AssertPlainFailure(CliRunner.Run("train", files.Images, "--labels", labels, "--epochs", "1", "--quiet"), "zero-labels.idx1");
        AssertPlainFailure(CliRunner.Run("predict", files.DigitsModel, images), "zero-images.idx3");
    }

    public static TheoryData<string> CheckpointDamages => ["truncated", "nul-bytes", "flipped-bit", "model-missing", "model-replaced", "newer-version", "not-a-folder"];

    [Theory]
    [MemberData(nameof(CheckpointDamages))]
    public void DamagedCheckpoint_SaysWhatIsWrongInPlainWords(string damage)
    {
        string folder = files.Checkpoint(damage);
        string state = Path.Combine(folder, "training-state.json");
        string model = Directory.GetFiles(folder, "model-epoch-*.json").Single();
        switch (damage)
        {
            case "truncated": File.WriteAllBytes(state, File.ReadAllBytes(state)[..100]); break;
            case "nul-bytes": File.WriteAllBytes(state, new byte[4096]); break;
            case "flipped-bit": File.WriteAllText(state, FlipInBase64(File.ReadAllText(state))); break;
            case "model-missing": File.Delete(model); break;
            case "model-replaced": File.WriteAllText(model, "{}"); break;
            case "newer-version": File.WriteAllText(state, File.ReadAllText(state).Replace("\"version\": 2", "\"version\": 9", StringComparison.Ordinal)); break;
            case "not-a-folder": folder = state; break;
        }

        AssertPlainFailure(CliRunner.Run("train", "iris", "--epochs", "3", "--resume", folder, "--quiet"), null);
    }

    /// <summary>A failure (exit 1) or a usage error (exit 2), with a message, no .NET text, one line for a failure, naming <paramref name="file"/> if given.</summary>
    private static void AssertPlainFailure(CliResult result, string? file)
    {
        Assert.True(result.ExitCode is 1 or 2, $"exit code {result.ExitCode}; stderr: {result.Error}");
        Assert.False(string.IsNullOrWhiteSpace(result.Error), "no message on stderr");
        foreach (string text in Forbidden)
        {
            Assert.False(result.Error.Contains(text, StringComparison.Ordinal), $"'{text}' in: {result.Error}");
        }

        Assert.False(StackFrame().IsMatch(result.Error), $"a stack frame in: {result.Error}");
        if (result.ExitCode == 1)
        {
            Assert.True(result.Error.TrimEnd().Split('\n').Length == 1, $"more than one line: {result.Error}");
        }

        if (file is not null)
        {
            Assert.True(result.Error.Contains(file, StringComparison.Ordinal), $"'{file}' is not named in: {result.Error}");
        }
    }

    /// <summary>Flips one bit inside the first base64 string of a JSON text (the value stays base64).</summary>
    private static string FlipInBase64(string text)
    {
        int at = text.IndexOf("\"data\": \"", StringComparison.Ordinal) + 9;
        char c = text[at];
        return string.Concat(text.AsSpan(0, at), c == 'A' ? "B" : "A", text.AsSpan(at + 1));
    }

    [GeneratedRegex(@"(^|\s)at [\w.`<>\[\],+]+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    /// <summary>Models and files shared by the sweep: made once, deleted at the end.</summary>
    public sealed class Files : IDisposable
    {
        private readonly TempFolder _folder = new();

        public Files()
        {
            IrisModel = File("model.json");
            DigitsModel = File("digits.json");
            IrisCsv = File("iris.csv");
            Images = File("images.idx3");
            Labels = File("labels.idx1");

            // Ten 2×2 images of two classes, in IDX: magic, count, rows, columns, pixels; labels: magic, count, labels.
            System.IO.File.WriteAllBytes(Images, [0, 0, 8, 3, 0, 0, 0, 10, 0, 0, 0, 2, 0, 0, 0, 2, .. Enumerable.Range(0, 40).Select(i => (byte)(i * 6))]);
            System.IO.File.WriteAllBytes(Labels, [0, 0, 8, 1, 0, 0, 0, 10, .. Enumerable.Range(0, 10).Select(i => (byte)(i % 2))]);
            Assert.Equal(0, CliRunner.Run("train", "iris", "--epochs", "1", "--out", IrisModel, "--quiet").ExitCode);
            Assert.Equal(0, CliRunner.Run("train", Images, "--labels", Labels, "--epochs", "1", "--out", DigitsModel, "--quiet").ExitCode);
            System.IO.File.WriteAllText(IrisCsv, "sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species\n5.1,3.5,1.4,0.2,setosa\n7.0,3.2,4.7,1.4,versicolor\n");
            Assert.Equal(0, CliRunner.Run("train", "iris", "--epochs", "1", "--checkpoint-dir", File("checkpoint"), "--quiet").ExitCode);
        }

        public string IrisModel { get; }

        public string DigitsModel { get; }

        public string IrisCsv { get; }

        public string Images { get; }

        public string Labels { get; }

        public string File(string name) => _folder.File(name);

        /// <summary>A fresh copy of the checkpoint of one epoch of iris, to damage.</summary>
        public string Checkpoint(string name)
        {
            string copy = File($"checkpoint-{name}");
            Directory.CreateDirectory(copy);
            foreach (string file in Directory.GetFiles(File("checkpoint")))
            {
                System.IO.File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            return copy;
        }

        public void Dispose() => _folder.Dispose();
    }
}
