using Perceptron.Data;

namespace Perceptron.Cli;

/// <summary>Resolves a DATA argument: a CSV file, IDX images with --labels, or a built-in data set's name.</summary>
internal static class DataSource
{
    /// <summary>Loads labelled data.</summary>
    public static TabularDataset Load(string data, string? labels, CsvLoadOptions options, int seed)
    {
        if (labels is not null)
        {
            return IdxReader.LoadDataset(data, labels);
        }

        if (File.Exists(data))
        {
            return CsvLoader.Load(data, options);
        }

        if (Directory.Exists(data))
        {
            throw new UserException($"'{data}' is a folder; give a CSV file, IDX images with --labels, or a built-in data set's name.");
        }

        if (BuiltInDatasets.Names.Contains(data, StringComparer.OrdinalIgnoreCase))
        {
            return BuiltInDatasets.Load(data.ToLowerInvariant(), seed);
        }

        throw new UserException(
            $"'{data}' is neither a file nor a built-in data set ({string.Join(", ", BuiltInDatasets.Names)}); check the path or run 'perceptron datasets'.");
    }

    /// <summary>One line on loaded data: "iris: 150 rows, 4 features, classification into 3 classes of 'species'".</summary>
    public static string Describe(TabularDataset data)
    {
        string task = data.Task == TaskKind.Classification ? $"classification into {data.ClassCount} classes" : "regression";
        string dropped = data.DroppedRows > 0 ? $", {data.DroppedRows} invalid rows dropped" : "";
        return $"{data.Source}: {data.Rows} rows, {data.FeatureNames.Count} features, {task} of '{data.TargetName}'{dropped}";
    }

    /// <summary>CSV options from the common --target and --task options.</summary>
    public static CsvLoadOptions CsvOptions(string? target, string? task, bool dropInvalidRows)
    {
        TaskKind? kind = task?.ToLowerInvariant() switch
        {
            null => null,
            "classification" => TaskKind.Classification,
            "regression" => TaskKind.Regression,
            _ => throw new UserException($"--task must be classification or regression; got '{task}'.", CliApp.Usage),
        };
        var options = new CsvLoadOptions { Task = kind, DropInvalidRows = dropInvalidRows };
        if (target is null)
        {
            return options;
        }

        // A number picks the column by 0-based index; anything else is a header name.
        return int.TryParse(target, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
            ? options with { TargetIndex = index }
            : options with { TargetName = target };
    }
}
