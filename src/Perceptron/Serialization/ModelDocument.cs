using Perceptron.Data;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Training;

namespace Perceptron.Serialization;

/// <summary>
/// Everything a model file holds (docs/model-format.md): the network, the preprocessing fitted at training time,
/// feature and class names, and facts about training. The file format's content, nothing more: to predict and
/// evaluate on raw data, use <c>Perceptron.Tabular.TabularModel</c>, which loads and saves through this.
/// </summary>
public sealed record ModelDocument
{
    /// <summary>The format's name, the first field of every file.</summary>
    public const string FormatName = "perceptron-model";

    /// <summary>The format version <see cref="Save"/> writes.</summary>
    public const int FormatVersion = 2;

    /// <summary>The oldest format version <see cref="Load"/> reads.</summary>
    public const int OldestReadableVersion = 1;

    /// <summary>The network, built. A loaded network is not compiled: predicting needs no optimizer.</summary>
    public required Sequential<float> Network { get; init; }

    /// <summary>The loss the network was trained with; null takes the network's own (when compiled), or none.</summary>
    public Loss? Loss { get; init; }

    /// <summary>The optimizer's name and settings; null takes the network's own (when compiled), or none.</summary>
    public OptimizerConfig? Optimizer { get; init; }

    /// <summary>Classification or regression; null for a bare network.</summary>
    public TaskKind? Task { get; init; }

    /// <summary>The input features' names, in column order (as many as the network's inputs), or empty.</summary>
    public IReadOnlyList<string> FeatureNames { get; init; } = [];

    /// <summary>The target column's name, if known.</summary>
    public string? TargetName { get; init; }

    /// <summary>Class names by index, for classification.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>The first preprocessing step: fill values for missing cells (and indicator columns), fitted on the training rows; or null.</summary>
    public MissingValueImputer? Imputer { get; init; }

    /// <summary>The second preprocessing step: the categories of each categorical feature, one-hot encoded; or null.</summary>
    public OneHotEncoder? Encoder { get; init; }

    /// <summary>The last preprocessing step: the scaler of the (encoded) features fitted on the training rows, or null.</summary>
    public IFeatureScaler? Scaler { get; init; }

    /// <summary>For regression, the scaler fitted on the training targets (one column), or null.</summary>
    public StandardScaler? TargetScaler { get; init; }

    /// <summary>Facts about training (data set, rows, epochs, time, outcome, tool), or null for none.</summary>
    public TrainingFacts? Training { get; init; }

    /// <summary>The loss saved: <see cref="Loss"/>, else the network's.</summary>
    internal Loss? SavedLoss => Loss ?? Network.Loss;

    /// <summary>The optimizer saved: <see cref="Optimizer"/>, else the network's.</summary>
    internal OptimizerConfig? SavedOptimizer => Optimizer ?? (Network.Optimizer is { } optimizer ? OptimizerConfig.Of(optimizer) : null);

    /// <summary>Writes the file atomically (temporary file, then rename).</summary>
    /// <param name="path">Where to write.</param>
    /// <exception cref="InvalidOperationException">The network is not built.</exception>
    /// <exception cref="IOException">The folder does not exist or cannot be written.</exception>
    public void Save(string path) => ModelWriter.Write(this, path);

    /// <summary>Reads and fully validates a model file; nothing in it is executed.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>What the file holds.</returns>
    /// <exception cref="ModelFormatException">Any defect, naming the field and what was expected.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ModelDocument Load(string path) => ModelReader.Read(path);
}
