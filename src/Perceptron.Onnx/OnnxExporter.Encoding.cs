using Onnx;
using Perceptron.Data;
using Perceptron.Tabular;

namespace Perceptron.Onnx;

public static partial class OnnxExporter
{
    /// <summary>The operator set domain of the ONNX-ML operators (LabelEncoder).</summary>
    public const string MlDomain = "ai.onnx.ml";

    /// <summary>The version of the <c>ai.onnx.ml</c> operator set imported when a model has categorical features: 2, the first
    /// whose LabelEncoder maps strings to integers with <c>keys_strings</c>/<c>values_int64s</c>.</summary>
    public const int MlOpsetVersion = 2;

    /// <summary>The second input's name for a model with categorical features: <c>string[batch, categorical features]</c>,
    /// each cell a category's text (empty or a missing-value marker such as "NA" for a missing one).</summary>
    public const string CategoriesInputName = "categories";

    /// <summary>
    /// Imputation and one-hot encoding as leading nodes. Without categorical features the input is
    /// <c>float[batch, features]</c> and a missing cell (NaN) becomes its fill value: <c>Where(IsNaN(x), fill, x)</c>.
    /// With them, <c>"input"</c> holds the numeric features only and <c>"categories"</c> the categorical ones as text; each
    /// categorical column is a <c>LabelEncoder</c> (category → index, a missing-value marker → the fill category, anything
    /// else → the unknown index) then a <c>OneHot</c> whose depth leaves the unknown index all zeros, or sets the "other"
    /// column. The blocks are concatenated in feature order, then the indicator columns: <c>Cast(IsNaN(x))</c>, or a
    /// LabelEncoder of the missing-value markers.
    /// </summary>
    private static void AddImputationAndEncoding(OnnxGraph graph, TabularModel file)
    {
        MissingValueImputer? imputer = file.Imputer;
        FeaturePipeline pipeline = file.Pipeline;
        if (file.Encoder is null)
        {
            string x = graph.Current;
            string filled = imputer is null ? x : Impute(graph, x, [.. imputer.FillValues]);
            string[] indicators = [.. (imputer?.IndicatorColumns ?? []).Select(c => MissingIndicator(graph, x, c, $"impute/{Safe(pipeline.Columns[c].Name)}"))];
            graph.Current = indicators.Length == 0 ? filled : graph.Node("Concat", "impute/with_indicators", [filled, .. indicators], OnnxGraph.Int("axis", 1));
            return;
        }

        int[] numeric = [.. Enumerable.Range(0, pipeline.InputWidth).Where(c => pipeline.Columns[c].Kind == ColumnKind.Numeric)];
        int[] categorical = [.. Enumerable.Range(0, pipeline.InputWidth).Where(c => pipeline.Columns[c].Kind == ColumnKind.Categorical)];
        string? numbers = numeric.Length > 0 ? graph.AddInput(InputName, TensorProto.Types.DataType.Float, numeric.Length) : null;
        string texts = graph.AddInput(CategoriesInputName, TensorProto.Types.DataType.String, categorical.Length);
        string? filledNumbers = numbers is null || imputer is null ? numbers : Impute(graph, numbers, [.. numeric.Select(c => imputer.FillValues[c])]);

        var blocks = new List<string>();
        var columnOf = new Dictionary<int, string>();   // raw column → its [batch, 1] slice of an input
        for (int c = 0; c < pipeline.InputWidth; c++)
        {
            string name = Safe(pipeline.Columns[c].Name);
            if (pipeline.Columns[c].Kind == ColumnKind.Numeric)
            {
                int position = Array.IndexOf(numeric, c);
                columnOf[c] = Column(graph, numbers!, position, $"input/{name}");
                blocks.Add(imputer is null ? columnOf[c] : Column(graph, filledNumbers!, position, $"impute/{name}"));
                continue;
            }

            columnOf[c] = Column(graph, texts, Array.IndexOf(categorical, c), $"categories/{name}");
            OneHotColumn encoding = file.Encoder.ColumnAt(c)!;
            long fill = imputer is null ? encoding.Categories.Count : (long)imputer.FillValues[c];
            blocks.Add(OneHot(graph, columnOf[c], encoding, fill, $"one_hot/{name}"));
        }

        foreach (int c in imputer?.IndicatorColumns ?? [])
        {
            string name = $"impute/{Safe(pipeline.Columns[c].Name)}";
            blocks.Add(pipeline.Columns[c].Kind == ColumnKind.Numeric
                ? graph.Node("Cast", $"{name}/missing", [graph.Node("IsNaN", $"{name}/is_nan", [columnOf[c]])], OnnxGraph.Int("to", (long)TensorProto.Types.DataType.Float))
                : graph.Node("Cast", $"{name}/missing", [MissingMarker(graph, columnOf[c], name)], OnnxGraph.Int("to", (long)TensorProto.Types.DataType.Float)));
        }

        graph.Current = blocks.Count == 1 ? blocks[0] : graph.Node("Concat", "encoded", blocks, OnnxGraph.Int("axis", 1));
    }

    /// <summary>Where(IsNaN(x), fill, x): each missing cell takes its column's fill value (broadcast over rows).</summary>
    private static string Impute(OnnxGraph graph, string x, float[] fill)
    {
        string missing = graph.Node("IsNaN", "impute/is_nan", [x]);
        return graph.Node("Where", "impute/filled", [missing, graph.Constant("impute/fill", fill, fill.Length), x]);
    }

    /// <summary>1 where column <paramref name="column"/> of <paramref name="x"/> is NaN, else 0: float[batch, 1].</summary>
    private static string MissingIndicator(OnnxGraph graph, string x, int column, string name)
    {
        string cell = Column(graph, x, column, name);
        return graph.Node("Cast", $"{name}/missing", [graph.Node("IsNaN", $"{name}/is_nan", [cell])], OnnxGraph.Int("to", (long)TensorProto.Types.DataType.Float));
    }

    /// <summary>Column <paramref name="index"/> of a [batch, n] tensor as [batch, 1] (Gather on axis 1).</summary>
    private static string Column(OnnxGraph graph, string x, int index, string name) =>
        graph.Node("Gather", $"{name}/column", [x, graph.Int64s($"{name}/index", [index], 1)], OnnxGraph.Int("axis", 1));

    /// <summary>Category text → index (a marker → the fill index, anything else → the unknown index) → one-hot [batch, width].</summary>
    private static string OneHot(OnnxGraph graph, string text, OneHotColumn encoding, long fill, string name)
    {
        int known = encoding.Categories.Count;
        string[] markers = [.. MissingMarkers.Where(m => !encoding.Categories.Contains(m, StringComparer.Ordinal))];
        string codes = graph.MlNode("LabelEncoder", $"{name}/index", [text],
            OnnxGraph.Strings("keys_strings", [.. encoding.Categories, .. markers]),
            OnnxGraph.Ints("values_int64s", [.. Enumerable.Range(0, known).Select(i => (long)i), .. markers.Select(_ => fill)]),
            OnnxGraph.Int("default_int64", known));

        // Depth k leaves the unknown index k all zeros (out of range); depth k + 1 makes it the "other" column.
        int width = encoding.Width;
        string depth = graph.Int64s($"{name}/depth", [width]);
        string values = graph.Constant($"{name}/off_on", [0f, 1f], 2);
        string hot = graph.Node("OneHot", $"{name}/hot", [codes, depth, values], OnnxGraph.Int("axis", -1));
        return graph.Node("Reshape", name, [hot, graph.Int64s($"{name}/shape", [-1, width], 2)]);
    }

    /// <summary>1 (int64) where a category cell is empty or a missing-value marker, else 0.</summary>
    private static string MissingMarker(OnnxGraph graph, string text, string name) =>
        graph.MlNode("LabelEncoder", $"{name}/is_marker", [text],
            OnnxGraph.Strings("keys_strings", MissingMarkers),
            OnnxGraph.Ints("values_int64s", MissingMarkers.Select(_ => 1L)),
            OnnxGraph.Int("default_int64", 0));

    /// <summary>The texts that mean "missing" in a category input: empty and the loader's default markers.</summary>
    private static string[] MissingMarkers => ["", .. CsvLoadOptions.DefaultMissingValues];

    /// <summary>A feature name as part of node names: letters, digits and '_' only.</summary>
    private static string Safe(string name) => new([.. name.Select(c => char.IsLetterOrDigit(c) ? c : '_')]);
}
