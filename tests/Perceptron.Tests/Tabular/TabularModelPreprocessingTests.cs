using System.Text;
using Perceptron.Activations;
using Perceptron.Data;
using Perceptron.Layers;
using Perceptron.Tabular;
using Perceptron.Tensors;
using Perceptron.Training;

namespace Perceptron.Tests.Tabular;

/// <summary>A model trained on categories and missing values: it saves its preprocessing, and predicts raw rows with
/// missing cells and unseen categories the same way after loading.</summary>
public class TabularModelPreprocessingTests
{
    /// <summary>city (4 categories, some missing), plan (2), age (some missing), spend; target churned.</summary>
    internal static string TrainingCsv()
    {
        var random = new Random(3);
        string[] cities = ["Paris", "Lyon", "Nice", "Lille"];
        var text = new StringBuilder("city,plan,age,spend,churned\n");
        for (int i = 0; i < 120; i++)
        {
            string city = random.NextDouble() < 0.1 ? "" : cities[random.Next(4)];
            string plan = random.Next(2) == 0 ? "basic" : "pro";
            string age = random.NextDouble() < 0.1 ? "NA" : random.Next(18, 70).ToString(System.Globalization.CultureInfo.InvariantCulture);
            double spend = 10 + 190 * random.NextDouble();
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{city},{plan},{age},{spend:0.00},{((plan == "basic") == (spend < 100) ? "yes" : "no")}\n");
        }

        return text.ToString();
    }

    internal const string NewRowsCsv = "id,spend,age,plan,city,extra\n1,50,30,basic,Paris,a\n2,150,,pro,Marseille,b\n3,80,44,,,c\n4,120,NA,pro,Lyon,d\n";

    private static readonly Lazy<TabularModel> Model = new(() =>
    {
        TabularDataset data = CsvLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(TrainingCsv())), "churn.csv");
        return TabularTrainer.Train(data, new TabularOptions { Layers = [8], Epochs = 5, Seed = 3, MissingIndicators = true }).Model;
    });

    [Fact]
    public void Train_FitsImputationOneHotAndScaling_OnTheTrainingRows()
    {
        TabularModel model = Model.Value;

        Assert.Equal(["city", "plan", "age", "spend"], model.FeatureNames);
        Assert.Equal(["Lille", "Lyon", "Nice", "Paris"], model.Columns[0].Categories);
        Assert.Equal(["basic", "pro"], model.Columns[1].Categories);
        Assert.Equal([0, 2], model.Imputer!.IndicatorColumns);
        Assert.Equal(4 + 2 + 1 + 1 + 2, model.Network.Inputs);
        Assert.Equal(model.Network.Inputs, model.Scaler!.Columns);
    }

    [Fact]
    public void SaveLoad_PredictsRawRowsWithMissingCellsAndUnseenCategoriesIdentically()
    {
        TabularModel model = Model.Value;
        string path = Path.Combine(Path.GetTempPath(), $"perceptron-churn-{Guid.NewGuid():N}.json");
        string rows = Path.Combine(Path.GetTempPath(), $"perceptron-churn-{Guid.NewGuid():N}.csv");
        try
        {
            model.Save(path);
            File.WriteAllText(rows, NewRowsCsv);
            TabularModel loaded = TabularModel.Load(path);

            FeatureRows read = loaded.ReadRows(rows, keep: ["id"]);
            Matrix<float> before = model.Predict(model.ReadFeatures(rows));
            Matrix<float> after = loaded.Predict(read.Features);

            Assert.Equal(before.Data, after.Data);
            Assert.Equal(new Dictionary<string, int> { ["city"] = 1 }, read.UnseenCells);
            Assert.Equal(["extra"], read.ExtraColumns);
            Assert.Equal(4, read.MissingCells);
            Assert.All(after.Data, p => Assert.True(float.IsFinite(p)));
            Assert.Contains("\"one_hot\"", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.Contains("\"imputation\"", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
            File.Delete(rows);
        }
    }

    [Fact]
    public void PredictByName_EqualsPredictOnTheReadRow()
    {
        TabularModel model = Model.Value;

        float[] byName = model.Predict(new Dictionary<string, string?> { ["city"] = "Marseille", ["plan"] = "pro", ["age"] = null, ["spend"] = "150" });
        float[] raw = model.Predict([4f, 1f, float.NaN, 150f]); // Marseille is unknown: index 4, the category count

        Assert.Equal(raw, byName);
    }

    [Fact]
    public void Evaluate_DataWithCategoriesInAnotherOrder_IsMatchedByText()
    {
        TabularModel model = Model.Value;
        string[] lines = TrainingCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string reversed = string.Join('\n', [lines[0], .. lines[1..].Reverse()]) + "\n";

        TabularDataset forward = CsvLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(TrainingCsv())), "a.csv", model.LoadOptions());
        TabularDataset backward = CsvLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(reversed)), "b.csv", model.LoadOptions());

        Assert.Equal(model.Evaluate(forward).Accuracy, model.Evaluate(backward).Accuracy);
        Assert.NotEqual(forward.Columns[0].Categories, backward.Columns[0].Categories);
    }

    [Fact]
    public void Predict_MissingValueWithoutImputation_NamesTheRowAndFeature()
    {
        TabularModel model = Model.Value;
        var network = new Sequential(new Dense(2, Activation.Softmax));
        network.Build(4 + 2 + 1 + 1);
        var bare = new TabularModel(network) { Task = model.Task, FeatureNames = model.FeatureNames, ClassNames = model.ClassNames, Encoder = new OneHotEncoder(4, model.Encoder!.Columns) };

        var e = Assert.Throws<ArgumentException>(() => bare.Predict([0f, 1f, float.NaN, 10f]));

        Assert.StartsWith("Row 0, feature 'age' is missing (NaN), and this model has no imputation to fill it", e.Message, StringComparison.Ordinal);
    }
}
