using System.Globalization;
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

    /// <summary>The last epoch's training loss: the data loss, without the L2 penalty (as History["loss"]).</summary>
    public double? FinalLoss { get; init; }

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
        Add("created_utc", CreatedUtc?.ToString("O", CultureInfo.InvariantCulture));
        Add("tool", Tool);
        facts.AddRange(Notes);
        return facts;
    }

    /// <summary>The outcome as written in model files: completed, stopped_early or diverged.</summary>
    internal static string OutcomeName(TrainingOutcome outcome) => outcome switch
    {
        TrainingOutcome.StoppedEarly => "stopped_early",
        TrainingOutcome.Diverged => "diverged",
        _ => "completed",
    };
}
