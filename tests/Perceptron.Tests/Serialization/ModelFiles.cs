using Perceptron.Activations;
using Perceptron.Data;
using Perceptron.Layers;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Training;

namespace Perceptron.Tests.Serialization;

/// <summary>Small, fully specified model files for the reader's tests.</summary>
internal static class ModelFiles
{
    /// <summary>The model-file corpus folder beside the test assembly.</summary>
    public static string CorpusFolder => Path.Combine(AppContext.BaseDirectory, "Serialization", "Corpus");

    /// <summary>A 2 → 3 (relu) → dropout → 2 (softmax) classifier with every optional field set: task, names, scaler, training facts.</summary>
    public static TabularModel Classifier()
    {
        var model = new Sequential(new Dense(3, Activation.Relu), new Dropout(0.2), new Dense(2, Activation.Softmax)) { Seed = 7 };
        model.Compile(new Adam(0.01), new SparseCategoricalCrossEntropy());
        model.Build(2);
        return new TabularModel(model)
        {
            Task = TaskKind.Classification,
            FeatureNames = ["a", "b"],
            TargetName = "label",
            ClassNames = ["x", "y"],
            Scaler = new StandardScaler([1f, 2f], [0.5f, 4f]),
            Training = new TrainingFacts { Data = "test.csv", Epochs = 3 },
        };
    }

    /// <summary>The bytes <see cref="TabularModel.Save"/> writes for <paramref name="file"/>.</summary>
    public static byte[] Bytes(TabularModel file)
    {
        string path = Path.Combine(Path.GetTempPath(), $"perceptron-model-{Guid.NewGuid():N}.json");
        try
        {
            file.Save(path);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
