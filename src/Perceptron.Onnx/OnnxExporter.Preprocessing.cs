using System.Globalization;
using System.Text;
using System.Text.Json;
using Onnx;
using Perceptron.Data;
using Perceptron.Serialization;
using Perceptron.Tabular;
using Perceptron.Training;

namespace Perceptron.Onnx;

public static partial class OnnxExporter
{
    /// <summary>
    /// The feature scaler as leading nodes, in the scaler's own float arithmetic: standard x' = (x − mean) / std as
    /// Sub then Div; min-max x' = (x − min) / (max − min) as Sub then Div, with a range of 1 for constant columns.
    /// </summary>
    private static void AddFeatureScaling(OnnxGraph graph, IFeatureScaler scaler, int inputs)
    {
        const string Part = "scaler";
        if (!scaler.IsFitted)
        {
            throw new OnnxExportException(Part, $"the {scaler.GetType().Name} is not fitted; fit it on the training features (TabularTrainer does) before exporting.");
        }

        if (scaler.Columns != inputs)
        {
            throw new OnnxExportException(Part, $"the {scaler.GetType().Name} was fitted on {scaler.Columns} columns but the network takes {inputs} inputs; save the scaler that was fitted on the network's training features.");
        }

        switch (scaler)
        {
            case StandardScaler standard:
                graph.Apply("Sub", "scaler/center", graph.Constant("scaler/mean", [.. standard.Means], inputs));
                graph.Apply("Div", "scaler/scale", graph.Constant("scaler/std", [.. standard.StandardDeviations], inputs));
                break;
            case MinMaxScaler minMax:
                graph.Apply("Sub", "scaler/shift", graph.Constant("scaler/min", [.. minMax.Minimums], inputs));
                graph.Apply("Div", "scaler/scale", graph.Constant("scaler/range", MinMaxRanges(minMax), inputs));
                break;
            default:
                throw new OnnxExportException(Part, $"{scaler.GetType().FullName} has no ONNX mapping; the exporter maps StandardScaler and MinMaxScaler.");
        }
    }

    /// <summary>max − min per column, computed in double as MinMaxScaler does, 1 for a constant column.</summary>
    private static float[] MinMaxRanges(MinMaxScaler scaler)
    {
        var ranges = new float[scaler.Columns];
        for (int c = 0; c < ranges.Length; c++)
        {
            double range = (double)scaler.Maximums[c] - scaler.Minimums[c];
            ranges[c] = range == 0 ? 1f : (float)range;
            if (!float.IsFinite(ranges[c]))
            {
                throw new OnnxExportException("scaler", $"column {c}'s range {range:G6} (max − min) does not fit in a float, so the graph could not divide by it; rescale that feature before training.");
            }
        }

        return ranges;
    }

    /// <summary>The network predicts a standardised target; y = out · std + mean maps it back (as TabularModel.Predict), as Mul then Add.</summary>
    private static void AddTargetUnscaling(OnnxGraph graph, StandardScaler targetScaler, int outputs)
    {
        if (targetScaler.Columns != outputs)
        {
            throw new OnnxExportException("target scaler", $"it was fitted on {targetScaler.Columns} target columns but the network has {outputs} outputs; save the scaler fitted on the training targets.");
        }

        graph.Apply("Mul", "target/scale", graph.Constant("target/std", [.. targetScaler.StandardDeviations], outputs));
        graph.Apply("Add", "target/shift", graph.Constant("target/mean", [.. targetScaler.Means], outputs));
    }

    /// <summary>Names and facts as metadata properties: lists as JSON arrays of strings, training facts under "training.".</summary>
    private static void AddMetadata(ModelProto model, TabularModel file)
    {
        void Add(string key, string value) => model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });

        if (file.Task is TaskKind task)
        {
            Add("task", task.ToString().ToLowerInvariant());
        }

        Add("feature_names", JsonSerializer.Serialize(file.FeatureNames.ToArray()));
        if (file.TargetName is not null)
        {
            Add("target_name", file.TargetName);
        }

        if (file.ClassNames.Count > 0)
        {
            Add("class_names", JsonSerializer.Serialize(file.ClassNames.ToArray()));
        }

        string scaling = file.Scaler switch
        {
            StandardScaler => "standard",
            MinMaxScaler => "minmax",
            _ => "none",
        };
        Add("preprocessing", string.Join(", ", new[] { file.Imputer is null ? null : "imputation", file.Encoder is null ? null : "one_hot", scaling }.OfType<string>()));
        if (file.Encoder is not null)
        {
            Add("numeric_features", JsonSerializer.Serialize(file.Columns.Where(c => c.Kind == ColumnKind.Numeric).Select(c => c.Name).ToArray()));
            Add("categorical_features", JsonSerializer.Serialize(file.Columns.Where(c => c.Kind == ColumnKind.Categorical).Select(c => c.Name).ToArray()));
        }

        foreach (var (key, value) in (file.Training?.Describe() ?? []).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            Add($"training.{key}", value);
        }
    }

    /// <summary>One paragraph for doc_string: what goes in, what each step does, what comes out.</summary>
    private static string Describe(Sequential<float> network, TabularModel? file, string outputName)
    {
        var text = new StringBuilder("Perceptron multilayer perceptron. ");
        IReadOnlyList<string> numeric = file is { FeatureNames.Count: > 0 } ? [.. file.Columns.Where(c => c.Kind == ColumnKind.Numeric).Select(c => c.Name)] : [];
        int width = file?.Encoder is not null ? numeric.Count : file?.Imputer?.InputWidth ?? network.Inputs;
        text.Append(CultureInfo.InvariantCulture, $"Input '{InputName}': float[{BatchDimension}, {width}]");
        if (numeric.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", raw features {string.Join(", ", numeric.Take(12))}{(numeric.Count > 12 ? ", …" : "")}");
        }

        text.Append(". ");
        if (file?.Encoder is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Numeric features in '{InputName}', categorical ones as text in '{CategoriesInputName}' (string[{BatchDimension}, {file.Encoder.Columns.Count}]), one-hot encoded in the graph. ");
        }

        if (file?.Imputer is not null)
        {
            text.Append("Missing values (NaN, or an empty or NA category) are imputed in the graph. ");
        }

        text.Append(file?.Scaler switch
        {
            StandardScaler => "Standardised in the graph: (x − mean) / std. ",
            MinMaxScaler => "Rescaled in the graph: (x − min) / (max − min). ",
            _ => "",
        });
        text.Append(CultureInfo.InvariantCulture, $"Layers: {string.Join(" → ", network.Layers.Select(l => l.ToString()))}. ");
        if (file?.TargetScaler is not null)
        {
            text.Append("The standardised prediction is mapped back: y = out · std + mean. ");
        }

        text.Append(CultureInfo.InvariantCulture, $"Output '{outputName}': float[{BatchDimension}, {network.Outputs}]");
        if (file is { Task: TaskKind.Classification, ClassNames.Count: > 0 })
        {
            text.Append(CultureInfo.InvariantCulture, $", probabilities of {string.Join(", ", file.ClassNames.Take(12))}{(file.ClassNames.Count > 12 ? ", …" : "")}");
        }

        return text.Append('.').ToString();
    }
}
