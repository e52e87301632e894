using System.Text.Json;

namespace Perceptron.Cli.Tests.Commands;

/// <summary>--class-weight on train, and the metrics evaluate reports for two classes.</summary>
public class ClassWeightCommandTests
{
    [Fact]
    public void Train_ClassWeight_IsSavedAndUsedByEvaluate()
    {
        using var folder = new TempFolder();
        string model = folder.File("model.json");
        JsonElement trained = CliRunner.Run("train", "breast_cancer", "--class-weight", "malignant=3", "--epochs", "2", "--layers", "8", "--out", model, "--json").Json();

        using var file = JsonDocument.Parse(File.ReadAllText(model));
        Assert.Equal([1.0, 3.0], file.RootElement.GetProperty("class_weights").EnumerateArray().Select(w => w.GetDouble()));
        Assert.Equal(3, file.RootElement.GetProperty("training").GetProperty("options").GetProperty("class_weight").GetProperty("malignant").GetDouble());

        // The weighted loss is the training loss; log_loss stays unweighted; both come back the same after loading.
        JsonElement test = trained.GetProperty("test");
        Assert.NotEqual(test.GetProperty("loss").GetDouble(), test.GetProperty("log_loss").GetDouble());
        JsonElement evaluated = CliRunner.Run("evaluate", model, "breast_cancer", "--json").Json();
        JsonElement train = trained.GetProperty("train");
        Assert.True(evaluated.GetProperty("roc_auc").GetDouble() > 0.5);
        Assert.Equal(2, evaluated.GetProperty("per_class").GetArrayLength());
        Assert.Equal("benign", evaluated.GetProperty("per_class")[0].GetProperty("class").GetString());
        Assert.Equal(569, evaluated.GetProperty("per_class").EnumerateArray().Sum(c => c.GetProperty("support").GetInt32()));
        Assert.True(train.GetProperty("loss").GetDouble() > 0);
    }

    [Fact]
    public void Train_ClassWeightForAnUnknownClass_NamesTheClasses() =>
        ErrorPathTests.AssertOneLineError(CliRunner.Run("train", "breast_cancer", "--class-weight", "cancer=3", "--epochs", "1"), 2, "--class-weight cancer=3: A weight is given for class 'cancer', but breast_cancer's target 'diagnosis' has classes benign, malignant");

    [Fact]
    public void Train_ClassWeightOnRegression_SaysItIsForClassification() =>
        ErrorPathTests.AssertOneLineError(CliRunner.Run("train", "diabetes", "--class-weight", "balanced", "--epochs", "1"), 2, "apply to classification");
}
