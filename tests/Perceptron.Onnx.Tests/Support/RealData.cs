using System.Collections.Concurrent;
using Perceptron.Data;
using Perceptron.Serialization;
using Perceptron.Tabular;

namespace Perceptron.Onnx.Tests.Support;

/// <summary>The real data sets the exporter is checked on, split once (80/20, seed 42), and small models trained on them in a few epochs.</summary>
internal static class RealData
{
    /// <summary>Every data set the exporter is checked on: three classifiers and one regression.</summary>
    public static readonly string[] Names = ["iris", "digits8x8", "mnist", "diabetes"];

    private static readonly ConcurrentDictionary<string, Lazy<DatasetSplit>> Splits = new();

    /// <summary>The training and held-out rows of a data set.</summary>
    public static DatasetSplit Split(string name) => Splits.GetOrAdd(name, key => new Lazy<DatasetSplit>(() =>
    {
        TabularDataset data = key == "diabetes" ? CsvLoader.Load(DataFile("diabetes.csv")) : BuiltInDatasets.Load(key);
        return DataSplit.TrainTestSplit(data, 0.2, seed: 42, stratify: data.Task == TaskKind.Classification);
    })).Value;

    /// <summary>A model trained briefly on the training rows, as <c>perceptron train</c> would (dropout 0.1, L2).</summary>
    public static TabularModel Train(string name, string scaling = "standard", string activation = "relu") =>
        TabularTrainer.Train(Split(name).Train, new TabularOptions
        {
            Layers = [16, 8],
            Activation = Perceptron.Activations.Activation.FromName(activation),
            Scaling = Enum.Parse<FeatureScaling>(scaling, ignoreCase: true),
            Epochs = 3,
            BatchSize = 32,
            Seed = 7,
        }).Model;

    /// <summary>A data file copied beside the tests.</summary>
    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);
}
