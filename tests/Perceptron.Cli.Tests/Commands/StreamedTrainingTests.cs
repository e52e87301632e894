using System.Globalization;
using System.Text;
using Perceptron.Cli.Commands;

namespace Perceptron.Cli.Tests.Commands;

/// <summary><c>train --stream</c> and <c>predict</c>, which streams its input to its output row by row.</summary>
public sealed class StreamedTrainingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TrainStream_ThenPredict_RoundTripsWithGoodAccuracy_OneLinePerRowInOrder()
    {
        string data = WriteTable("train.csv", 3000, seed: 1);
        string model = _folder.File("model.json");

        var json = CliRunner.Run("train", data, "--stream", "--target", "label", "--ignore", "id", "--layers", "16", "--epochs", "10",
            "--shuffle-buffer", "200", "--out", model, "--json").Json();

        Assert.True(json.GetProperty("stream").GetBoolean());
        Assert.InRange(json.GetProperty("rows").GetProperty("test").GetInt64(), 500, 700); // about the default fifth
        Assert.True(json.GetProperty("test").GetProperty("accuracy").GetDouble() > 0.9, json.ToString());
        Assert.Equal(200, json.GetProperty("peak_buffered_rows").GetInt32());

        // 9,000 rows: more than two of predict's 4,096-row chunks.
        string rows = WriteTable("rows.csv", 9000, seed: 2);
        string predictions = _folder.File("predictions.csv");
        var predicted = CliRunner.Run("predict", model, rows, "--out", predictions, "--keep", "id");

        Assert.True(predicted.ExitCode == 0, predicted.Error);
        Assert.Contains("9000 predictions written", predicted.Output, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(predictions);
        Assert.Equal("id,class,p_no,p_yes", lines[0]);
        Assert.Equal(9001, lines.Length);
        Assert.Equal(Enumerable.Range(0, 9000).Select(i => i.ToString(CultureInfo.InvariantCulture)), lines.Skip(1).Select(line => line.Split(',')[0]));
        string[] truth = [.. File.ReadAllLines(rows).Skip(1).Select(line => line.Split(',')[^1])];
        double accuracy = lines.Skip(1).Select((line, i) => line.Split(',')[1] == truth[i] ? 1.0 : 0.0).Average();
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
    }

    [Fact]
    public void Predict_ABadRowPastTheFirstChunk_NamesLineAndColumn_AndLeavesNoFile()
    {
        string data = WriteTable("train.csv", 400, seed: 3);
        string model = _folder.File("model.json");
        Assert.Equal(0, CliRunner.Run("train", data, "--stream", "--ignore", "id", "--layers", "4", "--epochs", "1", "--out", model, "--quiet").ExitCode);
        string rows = WriteTable("rows.csv", 6000, seed: 4, badRow: 5000);
        string predictions = _folder.File("predictions.csv");

        var result = CliRunner.Run("predict", model, rows, "--out", predictions);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 5002, column 'x0'", result.Error, StringComparison.Ordinal);
        Assert.Contains("expected a number, found 'oops'", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(predictions));
        Assert.Equal(["model.json", "rows.csv", "train.csv"], new DirectoryInfo(_folder.Path).GetFiles().Select(file => file.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Predict_AnOverflowPastTheFirstChunk_NamesItsRowInTheWholeFile()
    {
        // A regression on x0 - x1; one row far outside the training range overflows float32 inside the network.
        string data = WriteRegression("train.csv", 400, hugeRow: -1);
        string model = _folder.File("model.json");
        Assert.Equal(0, CliRunner.Run("train", data, "--target", "y", "--layers", "16,16", "--epochs", "2", "--seed", "1", "--out", model, "--quiet").ExitCode);
        string rows = WriteRegression("rows.csv", 6000, hugeRow: 5000);
        string predictions = _folder.File("predictions.csv");

        var result = CliRunner.Run("predict", model, rows, "--out", predictions);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The prediction for row 5000 is", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(predictions));
    }

    private string WriteRegression(string name, int rows, int hugeRow)
    {
        var random = new Random(rows);
        var text = new StringBuilder("x0,x1,y\n");
        for (int row = 0; row < rows; row++)
        {
            double x0 = random.NextDouble() * 4 - 2, x1 = random.NextDouble() * 4 - 2;
            text.Append(row == hugeRow ? "3e38,-3e38,0\n" : string.Create(CultureInfo.InvariantCulture, $"{x0:0.####},{x1:0.####},{x0 - x1:0.####}\n"));
        }

        string path = _folder.File(name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Theory]
    [InlineData("--drop-invalid-rows")]
    [InlineData("--resume", "FOLDER")]
    [InlineData("--checkpoint-dir", "FOLDER")]
    public void TrainStream_WithAnOptionItCannotCombine_IsAUsageError(params string[] option)
    {
        string data = WriteTable("train.csv", 50, seed: 5);
        Directory.CreateDirectory(_folder.File("checkpoints"));
        string[] given = [.. option.Select(o => o == "FOLDER" ? _folder.File("checkpoints") : o)];

        var result = CliRunner.Run(["train", data, "--stream", "--ignore", "id", .. given]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("perceptron: --stream cannot be combined with " + option[0], result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ShuffleBufferWithoutStream_OrStreamOnABuiltInSet_IsAUsageError()
    {
        string data = WriteTable("train.csv", 50, seed: 6);

        var buffer = CliRunner.Run("train", data, "--ignore", "id", "--shuffle-buffer", "10");
        var builtIn = CliRunner.Run("train", "iris", "--stream");

        Assert.Equal((2, 2), (buffer.ExitCode, builtIn.ExitCode));
        Assert.Contains("--shuffle-buffer applies only with --stream", buffer.Error, StringComparison.Ordinal);
        Assert.Contains("'iris' is not a file", builtIn.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_StreamsOnItsOwn_AFileLargerThanAQuarterOfMemory_AndSaysSo()
    {
        string data = WriteTable("train.csv", 200, seed: 7);
        long size = new FileInfo(data).Length;

        bool small = StreamedTraining.Chosen(asked: false, data, labels: null, memory: size * 5, out string? none);
        bool large = StreamedTraining.Chosen(asked: false, data, labels: null, memory: size * 3, out string? note);
        bool idx = StreamedTraining.Chosen(asked: false, data, labels: "labels.idx", memory: size, out _);

        Assert.Equal((false, true, false), (small, large, idx));
        Assert.Null(none);
        Assert.Contains("train.csv is 0.0 GB, too large to load", note, StringComparison.Ordinal);
        Assert.Contains("streaming it row by row (as --stream does)", note, StringComparison.Ordinal);
    }

    /// <summary>id, two numbers (some missing), a category, and a yes/no label that follows them.</summary>
    private string WriteTable(string name, int rows, int seed, int badRow = -1)
    {
        var random = new Random(seed);
        var text = new StringBuilder("id,x0,x1,color,label\n");
        string[] colors = ["red", "green", "blue"];
        for (int row = 0; row < rows; row++)
        {
            double x0 = random.NextDouble() * 4 - 2, x1 = random.NextDouble() * 4 - 2;
            string color = colors[random.Next(colors.Length)];
            string label = x0 - x1 + (color == "blue" ? 1 : 0) > 0.5 ? "yes" : "no";
            string first = row == badRow ? "oops" : row % 29 == 1 ? "" : x0.ToString("0.####", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{row},{first},{x1:0.####},{color},{label}\n");
        }

        string path = _folder.File(name);
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
