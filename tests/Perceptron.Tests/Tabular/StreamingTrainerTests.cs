using System.Globalization;
using System.Text;
using Perceptron.Data;
using Perceptron.Tabular;

namespace Perceptron.Tests.Tabular;

/// <summary>Training by streaming a file: the statistics pass, the shuffle buffer, the hashed split, and agreement with the in-memory trainer.</summary>
public sealed class StreamingTrainerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("perceptron-stream-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void FirstPass_WithoutHeldOutRows_FitsExactlyTheInMemoryPipeline()
    {
        string path = WriteTable(500, seed: 1);
        var options = new TabularOptions { MissingIndicators = true, MaxCategories = 3 };

        var (plan, first, _) = StreamingTrainer.Prepare(path, CsvLoadOptions.Default, options, new StreamingOptions { SchemaRows = 100 });

        TabularDataset data = CsvLoader.Load(path);
        FeaturePipeline expected = FeaturePipeline.Fit(data, options.Preprocessing);
        Assert.Equal(Describe(expected), Describe(plan.Pipeline));
        Assert.Equal(data.ClassNames, first.ClassNames);
        Assert.Equal((500 - 7L, 0L, 0L, 7L), (first.Train, first.Validation, first.Test, first.WithoutTarget));
        Assert.Equal(data.MissingCells, first.MissingCells);
    }

    [Fact]
    public void FirstPass_WithHeldOutRows_FitsTheInMemoryPipelineOfTheSameTrainingRows()
    {
        string path = WriteTable(600, seed: 2);
        var options = new TabularOptions { TestSplit = 0.2, ValidationSplit = 0.25, Seed = 9, Impute = ImputeStrategy.Mean };

        var (plan, first, _) = StreamingTrainer.Prepare(path, CsvLoadOptions.Default, options, StreamingOptions.Default);

        TabularDataset data = CsvLoader.Load(path);
        int[] train = [.. Enumerable.Range(0, data.Rows).Where(row => HashedSplit.Of(row, 9, 0.2, 0.25) == RowRole.Train)];
        Assert.Equal(train.Length, first.Train);
        Assert.Equal(data.Rows, first.Train + first.Validation + first.Test);
        Assert.Equal(Describe(FeaturePipeline.Fit(data.SelectRows(train), options.Preprocessing)), Describe(plan.Pipeline));
    }

    [Fact]
    public void Train_WithABufferHoldingEveryRow_LearnsTheSameWeightsAsTheInMemoryTrainer()
    {
        string path = WriteTable(400, seed: 3);
        var options = new TabularOptions { Layers = [8], Epochs = 3, BatchSize = 16, Seed = 5 };

        StreamingTrainingResult streamed = StreamingTrainer.Train(path, null, options, new StreamingOptions { ShuffleBuffer = 1000 });
        TabularTrainingResult inMemory = TabularTrainer.Train(CsvLoader.Load(path), options);

        Assert.Equal(inMemory.Model.Network.Parameters.ToArray(), streamed.Model.Network.Parameters.ToArray());
        Assert.Equal(inMemory.History["loss"], streamed.History["loss"]);
    }

    [Fact]
    public void Train_OnASmallFile_LearnsAsWellAsInMemoryAndRecordsTheTestMetrics()
    {
        string path = WriteTable(3000, seed: 4);
        var options = new TabularOptions { Layers = [16], Epochs = 15, TestSplit = 0.2, Seed = 1 };

        StreamingTrainingResult streamed = StreamingTrainer.Train(path, null, options, new StreamingOptions { ShuffleBuffer = 64 });

        double accuracy = streamed.TestMetrics!["accuracy"];
        Assert.True(accuracy > 0.9, $"test accuracy {accuracy}");
        Assert.Equal(accuracy, streamed.Model.Training!.Metrics["test"]["accuracy"]);
        Assert.Equal((int)streamed.TestRows, streamed.Model.Training.TestRows);
        Assert.True(streamed.Model.Training.Options["stream"].GetBoolean());

        // The in-memory trainer on the same file reaches the same quality (its split differs: a stratified hold-out).
        TabularTrainingResult inMemory = TabularTrainer.Train(CsvLoader.Load(path), options);
        Assert.InRange(accuracy - inMemory.TestEvaluation!.Accuracy!.Value, -0.05, 0.05);
    }

    [Fact]
    public void Batches_AreAPermutationOfTheTrainingRowsEachEpoch_ReproducibleBySeed()
    {
        string path = WriteCounting(300);
        var (plan, first, _) = StreamingTrainer.Prepare(path, new CsvLoadOptions { TargetName = "y" }, new TabularOptions { Scaling = FeatureScaling.None }, StreamingOptions.Default);
        var source = new CsvBatchSource(plan, RowRole.Train, batchSize: 7, shuffleBuffer: 20, first.Train);

        float[] epoch0 = Rows(source, 0), again = Rows(source, 0), epoch1 = Rows(source, 1);

        float[] all = [.. Enumerable.Range(0, 300).Select(n => (float)n)];
        Assert.Equal(all, epoch0.Order());
        Assert.Equal(all, epoch1.Order());
        Assert.NotEqual(all, epoch0);
        Assert.Equal(epoch0, again);
        Assert.NotEqual(epoch0, epoch1);
        Assert.Equal(43, source.BatchesPerEpoch);

        // Without a buffer the file order is kept.
        Assert.Equal(all, Rows(new CsvBatchSource(plan, RowRole.Train, batchSize: 7, shuffleBuffer: 0, first.Train), 0));
    }

    [Fact]
    public void Batches_NeverHoldMoreRowsThanTheBuffer()
    {
        string path = WriteCounting(500);
        var (plan, first, _) = StreamingTrainer.Prepare(path, new CsvLoadOptions { TargetName = "y" }, new TabularOptions(), StreamingOptions.Default);
        var source = new CsvBatchSource(plan, RowRole.Train, batchSize: 8, shuffleBuffer: 32, first.Train);

        long pendingMost = 0, rows = 0;
        foreach (var (x, _) in source.Batches(0))
        {
            // What was read from the file and not yet handed out sits in the buffer.
            pendingMost = Math.Max(pendingMost, source.RowsRead - source.RowsEmitted);
            rows += x.Rows;
        }

        Assert.Equal(500, rows);
        Assert.Equal(32, pendingMost);
        Assert.Equal(32, source.PeakBuffered);
    }

    [Fact]
    public void HashedSplit_IsDeterministicAndHoldsOutAboutTheFractionsAskedFor()
    {
        const int Rows = 100_000;
        RowRole[] roles = [.. Enumerable.Range(0, Rows).Select(row => HashedSplit.Of(row, 42, 0.2, 0.25))];

        double test = roles.Count(r => r == RowRole.Test) / (double)Rows;
        double validation = roles.Count(r => r == RowRole.Validation) / (double)roles.Count(r => r != RowRole.Test);
        Assert.InRange(test, 0.19, 0.21);           // binomial: σ ≈ 0.0013
        Assert.InRange(validation, 0.24, 0.26);
        Assert.Equal(roles, Enumerable.Range(0, Rows).Select(row => HashedSplit.Of(row, 42, 0.2, 0.25)));
        Assert.NotEqual(roles, Enumerable.Range(0, Rows).Select(row => HashedSplit.Of(row, 43, 0.2, 0.25)));
        Assert.All(Enumerable.Range(0, 1000), row => Assert.Equal(RowRole.Train, HashedSplit.Of(row, 42, 0, 0)));
    }

    [Fact]
    public void Train_ABadCellAfterTheSchemaRows_NamesTheLineAndColumn()
    {
        string path = Path.Combine(_folder, "bad.csv");
        var text = new StringBuilder("a,b,y\n");
        for (int row = 0; row < 50; row++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row},{row % 3},{row % 2}\n");
        }

        text.Append("oops,1,0\n");
        File.WriteAllText(path, text.ToString());

        var error = Assert.Throws<DataFormatException>(() => StreamingTrainer.Train(path, null, new TabularOptions { Epochs = 1 }, new StreamingOptions { SchemaRows = 20 }));

        Assert.Contains("line 52", error.Message, StringComparison.Ordinal);
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected a number, found 'oops'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_RefusesWhatStreamingCannotDo()
    {
        string path = WriteCounting(20);
        Assert.Throws<ArgumentException>(() => StreamingTrainer.Train(path, new CsvLoadOptions { DropInvalidRows = true }, new TabularOptions()));
        Assert.Throws<ArgumentException>(() => StreamingTrainer.Train(path, null, new TabularOptions { CheckpointDirectory = _folder }));
        Assert.Throws<ArgumentException>(() => StreamingTrainer.Train(path, null, new TabularOptions(), new StreamingOptions { ShuffleBuffer = -1 }));
    }

    /// <summary>Every fitted value of a pipeline, exactly, as text.</summary>
    private static string Describe(FeaturePipeline pipeline)
    {
        var text = new StringBuilder();
        text.AppendJoin(' ', pipeline.Columns.Select(c => $"{c.Name}:{c.Kind}[{string.Join('|', c.Categories)}]")).AppendLine();
        text.AppendJoin(' ', pipeline.Imputer!.FillValues.Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append(" / ").AppendJoin(' ', pipeline.Imputer.IndicatorColumns).AppendLine();
        text.AppendJoin("; ", pipeline.Encoder?.Columns.Select(c => $"{c.Index}:{string.Join('|', c.Categories)}{(c.HasOther ? "+other" : "")}") ?? []).AppendLine();
        var scaler = (StandardScaler)pipeline.Scaler!;
        text.AppendJoin(' ', scaler.Means.Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append(" / ")
            .AppendJoin(' ', scaler.StandardDeviations.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        return text.ToString();
    }

    /// <summary>The first input of every row of an epoch, in the order the batches give them.</summary>
    private static float[] Rows(CsvBatchSource source, int epoch) =>
        [.. source.Batches(epoch).SelectMany(batch => Enumerable.Range(0, batch.X.Rows).Select(row => batch.X[row, 0]))];

    /// <summary>A column n = 0, 1, 2, … and a 0/1 target: the order of rows can be read off the batches.</summary>
    private string WriteCounting(int rows)
    {
        string path = Path.Combine(_folder, $"counting{rows}.csv");
        File.WriteAllLines(path, ["n,y", .. Enumerable.Range(0, rows).Select(n => $"{n},{n % 2}")]);
        return path;
    }

    /// <summary>Four numbers (some missing), a category (some missing, one rare), and a yes/no target that follows x0 + x1 and the
    /// category; 7 rows have no target.</summary>
    private string WriteTable(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("x0,x1,x2,color,x3,label\n");
        string[] colors = ["red", "green", "blue", "green", "red", "purple"];
        for (int row = 0; row < rows; row++)
        {
            double x0 = random.NextDouble() * 4 - 2, x1 = random.NextDouble() * 4 - 2, x2 = random.NextDouble() * 10, x3 = Math.Round(random.NextDouble() * 5);
            string color = row % 97 == 5 ? "teal" : colors[random.Next(colors.Length)];
            bool yes = x0 + x1 + (color == "red" ? 1 : 0) > 0.3;
            string Cell(double value, int every) => row % every == 1 ? "" : value.ToString("0.###", CultureInfo.InvariantCulture);
            string label = row % 71 == 3 && row < 71 * 7 ? "NA" : yes ? "yes" : "no";
            text.Append(CultureInfo.InvariantCulture, $"{Cell(x0, 13)},{Cell(x1, 17)},{Cell(x2, 5)},{(row % 11 == 2 ? "" : color)},{x3},{label}\n");
        }

        File.WriteAllText(path: Path.Combine(_folder, $"table{seed}.csv"), text.ToString());
        return Path.Combine(_folder, $"table{seed}.csv");
    }
}
