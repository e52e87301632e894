using System.Globalization;
using System.Text.Json;
using Perceptron.Training;

namespace Perceptron.Serialization;

/// <summary>Facts about how a saved model was trained, each typed (model format version 2; version 1 held strings).</summary>
/// <remarks>Every fact is optional. <see cref="Notes"/> holds free-form text, including version 1 facts that have no typed field.</remarks>
public sealed record TrainingFacts
{
    /// <summary>The training data's source (a file or built-in data set name).</summary>
    public string? Data { get; init; }

    /// <summary>Rows the network was fitted on.</summary>
    public int? Rows { get; init; }

    /// <summary>Rows held out for validation.</summary>
    public int? ValidationRows { get; init; }

    /// <summary>Rows per gradient step.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Epochs completed.</summary>
    public int? Epochs { get; init; }

    /// <summary>Training time in seconds.</summary>
    public double? Seconds { get; init; }

    /// <summary>The last epoch's training objective: the data loss plus the L2 penalty, averaged over the epoch's batches
    /// as the weights changed (for regression, on the standardised target).</summary>
    public double? FinalLoss { get; init; }

    /// <summary>Rows held out to test the final model (never seen in training).</summary>
    public int? TestRows { get; init; }

    /// <summary>SHA-256 (64 lower-case hex digits) of the whole data set as loaded, before any split: see
    /// <c>Data.TabularDataset.ContentHash</c>.</summary>
    public string? DataSha256 { get; init; }

    /// <summary>Every training setting, by its command-line name with underscores (layers, activation, epochs, …): JSON
    /// numbers, strings, booleans, null, or arrays and objects of numbers and strings.</summary>
    public IReadOnlyDictionary<string, JsonElement> Options { get; init; } = NoOptions;

    /// <summary>The final model's metrics by split ("train", "validation", "test"), each by metric name (accuracy, loss,
    /// f1_macro, r2, …), as <c>Tabular.TabularEvaluation.ToDictionary</c> gives them; finite values only.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Metrics { get; init; } = NoMetrics;

    /// <summary>How training ended.</summary>
    public TrainingOutcome? Outcome { get; init; }

    /// <summary>Why training stopped early, when it did.</summary>
    public string? StopReason { get; init; }

    /// <summary>When the model was saved (UTC).</summary>
    public DateTimeOffset? CreatedUtc { get; init; }

    /// <summary>The program and version that trained it, e.g. "Perceptron 1.0.0".</summary>
    public string? Tool { get; init; }

    /// <summary>Free-form facts by name.</summary>
    public IReadOnlyDictionary<string, string> Notes { get; init; } = new Dictionary<string, string>();

    /// <summary>Every fact that is set, as (name, text) in file order: for display.</summary>
    /// <returns>The facts, names as in the model file.</returns>
    public IReadOnlyList<KeyValuePair<string, string>> Describe()
    {
        var facts = new List<KeyValuePair<string, string>>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                facts.Add(new(name, Convert.ToString(value, CultureInfo.InvariantCulture)!));
            }
        }

        Add("data", Data);
        Add("rows", Rows);
        Add("validation_rows", ValidationRows);
        Add("batch_size", BatchSize);
        Add("epochs", Epochs);
        Add("seconds", Seconds);
        Add("final_loss", FinalLoss?.ToString("G6", CultureInfo.InvariantCulture));
        Add("outcome", Outcome is { } outcome ? OutcomeName(outcome) : null);
        Add("stop_reason", StopReason);
        Add("test_rows", TestRows);
        Add("data_sha256", DataSha256);
        Add("created_utc", CreatedUtc?.ToString("O", CultureInfo.InvariantCulture));
        Add("tool", Tool);
        foreach (var (name, value) in Options)
        {
            Add($"options.{name}", value.GetRawText());
        }

        foreach (var (split, metrics) in Metrics)
        {
            foreach (var (name, value) in metrics)
            {
                Add($"metrics.{split}.{name}", value.ToString("G6", CultureInfo.InvariantCulture));
            }
        }

        facts.AddRange(Notes);
        return facts;
    }

    /// <summary>The empty <see cref="Options"/>, shared so that facts without options compare equal.</summary>
    internal static IReadOnlyDictionary<string, JsonElement> NoOptions { get; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, JsonElement>.Empty;

    /// <summary>The empty <see cref="Metrics"/>, shared so that facts without metrics compare equal.</summary>
    internal static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> NoMetrics { get; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>.Empty;

    /// <summary>The outcome as written in model files: completed, stopped_early or diverged.</summary>
    internal static string OutcomeName(TrainingOutcome outcome) => outcome switch
    {
        TrainingOutcome.StoppedEarly => "stopped_early",
        TrainingOutcome.Diverged => "diverged",
        _ => "completed",
    };
}
