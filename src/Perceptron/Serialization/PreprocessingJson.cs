using System.Text.Json;
using Perceptron.Data;

namespace Perceptron.Serialization;

/// <summary>
/// The model file's <c>imputation</c> and <c>one_hot</c> fields (docs/model-format.md): the first two preprocessing steps,
/// written by feature name and category text so that a person can read them, and checked against the features and the
/// network's input width when read.
/// </summary>
internal static class PreprocessingJson
{
    /// <summary>The names of the numeric imputation strategies in the file.</summary>
    private static readonly Dictionary<string, ImputeStrategy> Strategies = new(StringComparer.Ordinal)
    {
        ["median"] = ImputeStrategy.Median,
        ["mean"] = ImputeStrategy.Mean,
        ["most_frequent"] = ImputeStrategy.MostFrequent,
    };

    public static void Write(Utf8JsonWriter json, ModelDocument document)
    {
        IReadOnlyList<string> features = document.FeatureNames;
        if ((document.Imputer is not null || document.Encoder is not null) && features.Count != (document.Imputer?.InputWidth ?? document.Encoder!.InputWidth))
        {
            throw new InvalidOperationException($"The model has {features.Count} feature names but its preprocessing takes {document.Imputer?.InputWidth ?? document.Encoder!.InputWidth} columns; name every feature.");
        }

        if (document.Encoder is { } encoder)
        {
            json.WriteStartArray("one_hot");
            foreach (OneHotColumn column in encoder.Columns)
            {
                json.WriteStartObject();
                json.WriteString("feature", features[column.Index]);
                json.WritePropertyName("categories");
                json.WriteStartArray();
                foreach (string category in column.Categories)
                {
                    json.WriteStringValue(category);
                }

                json.WriteEndArray();
                json.WriteBoolean("other", column.HasOther);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (document.Imputer is { } imputer)
        {
            json.WriteStartObject("imputation");
            json.WriteString("strategy", Strategies.First(p => p.Value == imputer.Strategy).Key);
            json.WriteStartArray("fill");
            for (int c = 0; c < imputer.InputWidth; c++)
            {
                // A categorical feature's fill is its category's text (null for "other"); a numeric one's, the number.
                if (document.Encoder?.ColumnAt(c) is { } categorical)
                {
                    int code = (int)imputer.FillValues[c];
                    if (code < categorical.Categories.Count)
                    {
                        json.WriteStringValue(categorical.Categories[code]);
                    }
                    else
                    {
                        json.WriteNullValue();
                    }
                }
                else
                {
                    json.WriteNumberValue(imputer.FillValues[c]);
                }
            }

            json.WriteEndArray();
            json.WriteStartArray("indicators");
            foreach (int c in imputer.IndicatorColumns)
            {
                json.WriteStringValue(features[c]);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
    }

    /// <summary>Reads both fields (either may be absent) and checks that the steps chain to <paramref name="inputs"/> columns.</summary>
    public static (MissingValueImputer? Imputer, OneHotEncoder? Encoder) Read(JsonFields f, JsonElement root, string[] features, int inputs)
    {
        bool hasEncoder = root.TryGetProperty("one_hot", out var oneHot) && oneHot.ValueKind != JsonValueKind.Null;
        bool hasImputer = root.TryGetProperty("imputation", out var imputation) && imputation.ValueKind != JsonValueKind.Null;
        if (!hasEncoder && !hasImputer)
        {
            return (null, null);
        }

        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < features.Length; i++)
        {
            if (!position.TryAdd(features[i], i))
            {
                throw f.Error($"features[{i}]", $"repeats the name '{features[i]}'; with preprocessing, every feature needs its own name.");
            }
        }

        if (features.Length == 0)
        {
            throw f.Error("features", "is empty, but the preprocessing names features; list every feature.");
        }

        OneHotColumn[] columns = hasEncoder ? ReadOneHot(f, oneHot, position) : [];
        var categorical = columns.ToDictionary(c => c.Index);
        MissingValueImputer? imputer = hasImputer ? ReadImputation(f, imputation, features, position, categorical) : null;
        int width = imputer?.OutputWidth ?? features.Length;
        OneHotEncoder? encoder = hasEncoder ? f.Wrap("one_hot", () => new OneHotEncoder(width, columns)) : null;
        width = encoder?.OutputWidth ?? width;
        if (width != inputs)
        {
            throw f.Error("inputs", $"is {inputs}, but the {features.Length} features become {width} columns after imputation and one-hot encoding.");
        }

        return (imputer, encoder);
    }

    private static OneHotColumn[] ReadOneHot(JsonFields f, JsonElement array, Dictionary<string, int> position)
    {
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() > position.Count)
        {
            throw f.Error("one_hot", $"must be an array of at most {position.Count} categorical features.");
        }

        var columns = new List<OneHotColumn>();
        int i = 0;
        foreach (var element in array.EnumerateArray())
        {
            string at = $"one_hot[{i++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw f.Error(at, "must be an object with feature, categories and other.");
            }

            f.CheckOnly(element, at, ["feature", "categories", "other"], "a one-hot column");
            string feature = f.String(element, "feature", at);
            if (!position.TryGetValue(feature, out int index) || columns.Any(c => c.Index == index))
            {
                throw f.Error($"{at}.feature", $"is '{feature}', which is not a feature or is encoded twice.");
            }

            JsonElement categories = f.Array(element, "categories", 0, ModelReader.MaxNames, at);
            string[] names = [.. categories.EnumerateArray().Select((c, k) => c.ValueKind == JsonValueKind.String
                ? f.Text(c, $"{at}.categories[{k}]")
                : throw f.Error($"{at}.categories[{k}]", "must be a string."))];
            columns.Add(f.Wrap(at, () => new OneHotColumn(index, names, f.Bool(element, "other", at))));
        }

        return [.. columns];
    }

    private static MissingValueImputer ReadImputation(JsonFields f, JsonElement element, string[] features, Dictionary<string, int> position, Dictionary<int, OneHotColumn> categorical)
    {
        const string At = "imputation";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw f.Error(At, "must be an object with strategy, fill and indicators.");
        }

        f.CheckOnly(element, At, ["strategy", "fill", "indicators"], "the imputation");
        string strategyName = f.String(element, "strategy", At);
        if (!Strategies.TryGetValue(strategyName, out ImputeStrategy strategy))
        {
            throw f.Error($"{At}.strategy", $"is '{strategyName}', expected {string.Join(", ", Strategies.Keys.Select(k => $"'{k}'"))}.");
        }

        JsonElement fillArray = f.Array(element, "fill", features.Length, features.Length, At);
        float[] fill = new float[features.Length];
        int c = 0;
        foreach (var value in fillArray.EnumerateArray())
        {
            string field = $"{At}.fill[{c}]";
            if (categorical.TryGetValue(c, out OneHotColumn? column))
            {
                // The category's text, or null for the "other" column.
                int code = value.ValueKind == JsonValueKind.Null ? column.Categories.Count
                    : value.ValueKind == JsonValueKind.String ? column.Categories.ToList().IndexOf(f.Text(value, field)) : -1;
                fill[c] = code >= 0 && (code < column.Categories.Count || column.HasOther) ? code
                    : throw f.Error(field, $"must be one of the categories of '{features[c]}' (or null when it has an 'other' column).");
            }
            else if (value.ValueKind != JsonValueKind.Number || !value.TryGetSingle(out fill[c]) || !float.IsFinite(fill[c]))
            {
                throw f.Error(field, $"must be a finite number, the value that fills a missing '{features[c]}'.");
            }

            c++;
        }

        JsonElement indicatorArray = f.Array(element, "indicators", 0, features.Length, At);
        int[] indicators = [.. indicatorArray.EnumerateArray().Select((value, k) => value.ValueKind == JsonValueKind.String && position.TryGetValue(f.Text(value, $"{At}.indicators[{k}]"), out int index)
            ? index
            : throw f.Error($"{At}.indicators[{k}]", "must be the name of a feature."))];
        return f.Wrap(At, () => new MissingValueImputer(fill, strategy, indicators));
    }
}
