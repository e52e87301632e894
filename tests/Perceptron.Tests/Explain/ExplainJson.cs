using System.Text.Json;

namespace Perceptron.Tests.Explain;

/// <summary>The JSON of an explanation, read back as plain numbers by id: what a consumer of <c>--json</c> sees.</summary>
internal sealed class ExplainJson
{
    private readonly Dictionary<string, (int[] Shape, double[] Values)> _values = [];

    public ExplainJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        Assert.Equal("perceptron-explain", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Precision = root.GetProperty("precision").GetString()!;
        Settings = root.GetProperty("settings").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        foreach (JsonElement value in root.GetProperty("values").EnumerateArray())
        {
            int[] shape = [.. value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32())];
            var numbers = new List<double>();
            Flatten(value.GetProperty("values"), numbers);
            string id = value.GetProperty("id").GetString()!;
            Assert.True(_values.TryAdd(id, (shape, [.. numbers])), $"duplicate id {id}");
            Assert.Equal(shape.Aggregate(1, (p, d) => p * d), numbers.Count);
            foreach (string field in new[] { "phase", "symbol", "label", "formula" })
            {
                Assert.False(string.IsNullOrWhiteSpace(value.GetProperty(field).GetString()), $"{id} has no {field}");
            }
        }
    }

    public string Precision { get; }

    public IReadOnlyDictionary<string, double> Settings { get; }

    public IEnumerable<string> Ids => _values.Keys;

    public bool Has(string id) => _values.ContainsKey(id);

    public double[] this[string id] => _values.TryGetValue(id, out var value) ? value.Values : throw new KeyNotFoundException($"no value '{id}' in the explanation");

    public int[] Shape(string id) => _values[id].Shape;

    public double Scalar(string id) => Assert.Single(this[id]);

    /// <summary>A matrix value as [rows, columns].</summary>
    public double[,] Matrix(string id)
    {
        int[] shape = Shape(id);
        double[] flat = this[id];
        int rows = shape.Length == 2 ? shape[0] : 1, columns = shape.Length == 2 ? shape[1] : flat.Length;
        var matrix = new double[rows, columns];
        for (int i = 0; i < flat.Length; i++)
        {
            matrix[i / columns, i % columns] = flat[i];
        }

        return matrix;
    }

    private static void Flatten(JsonElement element, List<double> numbers)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in element.EnumerateArray())
            {
                Flatten(item, numbers);
            }
        }
        else
        {
            numbers.Add(element.GetDouble());
        }
    }
}
