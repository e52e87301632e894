using Perceptron.Data;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Training;

namespace Perceptron.Tests.Serialization;

/// <summary>Files written by the last release before format 2 (Saved/, see its README): they still load, unchecked
/// (they have no digest), and a model saved again becomes version 2 with a digest.</summary>
public class SavedFileTests
{
    private static string Saved(string name) => Path.Combine(AppContext.BaseDirectory, "Serialization", "Saved", name);

    [Fact]
    public void VersionOneClassifier_Loads_AndPredicts()
    {
        var model = TabularModel.Load(Saved("v1-iris-classifier.json"));

        Assert.Equal(TaskKind.Classification, model.Task);
        Assert.Equal(["setosa", "versicolor", "virginica"], model.ClassNames);
        Assert.Equal(4, model.FeatureNames.Count);
        Assert.Equal((20, 108, 12), (model.Training!.Epochs, model.Training.Rows, model.Training.ValidationRows));
        Assert.Equal(TrainingOutcome.Completed, model.Training.Outcome);
        float[] probabilities = model.Predict(BuiltInDatasets.Load("iris").Features).Data;
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public void VersionOneRegression_Loads_WithItsScalers()
    {
        var model = TabularModel.Load(Saved("v1-sum-regression.json"));

        Assert.Equal(TaskKind.Regression, model.Task);
        Assert.IsType<MinMaxScaler>(model.Scaler);
        Assert.NotNull(model.TargetScaler);
        Assert.All(model.Predict(new Perceptron.Tensors.Matrix<float>(1, 2, [0.1f, 0.2f])).Data, p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void VersionOneCheckpoint_Loads()
    {
        var checkpoint = TrainingCheckpoint.Load(Saved("v1-checkpoint"));

        Assert.Equal(4, checkpoint.Epoch);
        Assert.Equal(4, checkpoint.History["loss"].Count);
        Assert.Equal("adam", checkpoint.Model.Optimizer!.Name);
    }

    [Fact]
    public void VersionOneModel_SavedAgain_IsVersionTwoWithADigest()
    {
        string path = Path.Combine(Path.GetTempPath(), $"perceptron-resaved-{Guid.NewGuid():N}.json");
        try
        {
            TabularModel.Load(Saved("v1-iris-classifier.json")).Save(path);

            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
            Assert.Equal(2, json.RootElement.GetProperty("version").GetInt32());
            Assert.True(json.RootElement.TryGetProperty("digest", out _));
            Assert.Equal(TabularModel.Load(Saved("v1-iris-classifier.json")).Network.Parameters.ToArray(), TabularModel.Load(path).Network.Parameters.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
