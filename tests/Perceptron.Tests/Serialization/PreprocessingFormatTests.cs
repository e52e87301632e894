using System.Text.Json.Nodes;
using Perceptron.Data;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Tests.Tabular;

namespace Perceptron.Tests.Serialization;

/// <summary>The model file's imputation and one_hot fields: written by feature name and category, read back exactly,
/// and every defect named by its field.</summary>
public class PreprocessingFormatTests
{
    private static readonly Lazy<TabularModel> Model = new(() =>
    {
        TabularDataset data = CsvLoader.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(TabularModelPreprocessingTests.TrainingCsv())), "churn.csv");
        return TabularTrainer.Train(data, new TabularOptions { Layers = [4], Epochs = 1, Seed = 5, MissingIndicators = true, MaxCategories = 3 }).Model;
    });

    [Fact]
    public void Save_WritesTheStepsByNameAndCategory()
    {
        JsonObject json = Json(Model.Value);

        JsonNode city = json["one_hot"]![0]!;
        Assert.Equal("city", (string)city["feature"]!);
        Assert.Equal(3, city["categories"]!.AsArray().Count);
        Assert.True((bool)city["other"]!);
        Assert.Equal("median", (string)json["imputation"]!["strategy"]!);
        Assert.Equal(["city", "age"], json["imputation"]!["indicators"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(System.Text.Json.JsonValueKind.String, json["imputation"]!["fill"]![0]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, json["imputation"]!["fill"]![2]!.GetValueKind());
    }

    [Fact]
    public void Load_RestoresEveryStepExactly()
    {
        TabularModel model = Model.Value;
        TabularModel loaded = RoundTrip(Json(model));

        Assert.Equal(model.Imputer!.FillValues, loaded.Imputer!.FillValues);
        Assert.Equal(model.Imputer.IndicatorColumns, loaded.Imputer.IndicatorColumns);
        Assert.Equal(model.Encoder!.Columns.Select(c => (c.Index, string.Join("|", c.Categories), c.HasOther)), loaded.Encoder!.Columns.Select(c => (c.Index, string.Join("|", c.Categories), c.HasOther)));
        Assert.Equal(((StandardScaler)model.Scaler!).Means, ((StandardScaler)loaded.Scaler!).Means);
    }

    [Theory]
    [InlineData("one_hot[0].feature", "nowhere", "model.json: field 'one_hot[0].feature': is 'nowhere', which is not a feature or is encoded twice.")]
    [InlineData("imputation.fill[0]", "Atlantis", "model.json: field 'imputation.fill[0]': must be one of the categories of 'city' (or null when it has an 'other' column).")]
    [InlineData("imputation.fill[2]", "old", "model.json: field 'imputation.fill[2]': must be a finite number, the value that fills a missing 'age'.")]
    [InlineData("imputation.strategy", "mode", "model.json: field 'imputation.strategy': is 'mode', expected 'median', 'mean', 'most_frequent'.")]
    [InlineData("imputation.indicators[0]", "nobody", "model.json: field 'imputation.indicators[0]': must be the name of a feature.")]
    public void Load_BadField_IsNamed(string field, string value, string message)
    {
        JsonObject json = Json(Model.Value);
        string[] path = field.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split('.');
        JsonNode parent = path[..^1].Aggregate((JsonNode)json, (node, key) => int.TryParse(key, out int i) ? node[i]! : node[key]!);
        if (int.TryParse(path[^1], out int index))
        {
            parent[index] = value;
        }
        else
        {
            parent[path[^1]] = value;
        }

        var e = Assert.Throws<ModelFormatException>(() => RoundTrip(json));

        Assert.Equal(message, e.Message.Replace(e.Message[..e.Message.IndexOf(": field", StringComparison.Ordinal)], "model.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_CategoriesThatChangeTheWidth_DisagreeWithTheInputs()
    {
        JsonObject json = Json(Model.Value);
        json["one_hot"]![0]!["categories"]!.AsArray().Add("Brest");

        var e = Assert.Throws<ModelFormatException>(() => RoundTrip(json));

        Assert.EndsWith("field 'inputs': is 10, but the 4 features become 11 columns after imputation and one-hot encoding.", e.Message, StringComparison.Ordinal);
    }

    private static JsonObject Json(TabularModel model) => JsonNode.Parse(ModelFiles.Bytes(model))!.AsObject();

    private static TabularModel RoundTrip(JsonObject json)
    {
        string path = Path.Combine(Path.GetTempPath(), $"perceptron-format-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, json.ToJsonString());
            return TabularModel.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
