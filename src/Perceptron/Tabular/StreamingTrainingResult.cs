using Perceptron.Data;
using Perceptron.Training;

namespace Perceptron.Tabular;

/// <summary>The outcome of <see cref="StreamingTrainer.Train"/>: the model, its history, and how the file's rows were used.</summary>
/// <param name="Model">The trained model with its preprocessing and names, as <see cref="TabularTrainer"/> makes it.</param>
/// <param name="History">Per-epoch loss and metrics (training values are running means over each epoch, as in memory).</param>
public sealed record StreamingTrainingResult(TabularModel Model, History History)
{
    /// <summary>Rows the network was fitted on.</summary>
    public long TrainRows { get; init; }

    /// <summary>Rows held out to validate each epoch.</summary>
    public long ValidationRows { get; init; }

    /// <summary>Rows held out to test the final model.</summary>
    public long TestRows { get; init; }

    /// <summary>Rows left out because their target cell was empty or a missing-value marker.</summary>
    public long RowsWithoutTarget { get; init; }

    /// <summary>Missing feature cells in the training rows (imputed).</summary>
    public long MissingCells { get; init; }

    /// <summary>What was recognised or done that a user should know, one sentence each.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Columns left out because they cannot be features (with <see cref="CsvLoadOptions.AutoColumns"/>).</summary>
    public IReadOnlyList<string> DroppedColumns { get; init; } = [];

    /// <summary>The final model's loss and metric on the validation rows, streamed, or null without them.</summary>
    public IReadOnlyDictionary<string, double>? ValidationMetrics { get; init; }

    /// <summary>The final model's loss and metric (accuracy, or R²) on the test rows, streamed, or null without them.</summary>
    public IReadOnlyDictionary<string, double>? TestMetrics { get; init; }

    /// <summary>Most rows the training source held at once (its shuffle buffer's fill): the bound on what is in memory.</summary>
    public int PeakBufferedRows { get; init; }
}
