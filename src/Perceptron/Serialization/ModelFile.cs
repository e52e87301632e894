using Perceptron.Data;
using Perceptron.Training;

namespace Perceptron.Serialization;

/// <summary>
/// A trained model with everything needed to use it on raw data: the network, the feature preprocessing fitted
/// at training time, feature and class names, and how it was trained. Saved as one JSON file (docs/model-format.md).
/// </summary>
/// <param name="model">The network; built and compiled.</param>
public sealed partial class ModelFile(Sequential<float> model)
{
    /// <summary>The current format version written by <see cref="Save"/>.</summary>
    public const int FormatVersion = 1;

    /// <summary>The format's name, the first field of every file.</summary>
    public const string FormatName = "perceptron-model";

    /// <summary>The network.</summary>
    public Sequential<float> Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>Classification or regression; null for a bare network.</summary>
    public TaskKind? Task { get; init; }

    /// <summary>The input features' names, in column order (as many as the model's inputs), or empty.</summary>
    public IReadOnlyList<string> FeatureNames { get; init; } = [];

    /// <summary>The target column's name, if known.</summary>
    public string? TargetName { get; init; }

    /// <summary>Class names by index, for classification.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>The feature scaler fitted on the training split (a <see cref="StandardScaler"/> or <see cref="MinMaxScaler"/>), or null.</summary>
    public IFeatureScaler? Scaler { get; init; }

    /// <summary>For regression, the scaler fitted on the training targets (one column): the network predicts scaled targets and <see cref="Predict"/> maps them back.</summary>
    public StandardScaler? TargetScaler { get; init; }

    /// <summary>Free-form facts about training (data set, epochs, metrics, time, tool version), as strings.</summary>
    public IReadOnlyDictionary<string, string> Training { get; init; } = new Dictionary<string, string>();

    /// <summary>Writes the model file atomically (temporary file, then rename).</summary>
    /// <param name="path">Where to write.</param>
    public void Save(string path) => ModelWriter.Write(this, path);

    /// <summary>Reads and fully validates a model file; nothing in it is executed.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>The model, ready for <c>Predict</c>.</returns>
    /// <exception cref="ModelFormatException">Any defect, naming the field and what was expected.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ModelFile Load(string path) => ModelReader.Read(path);
}
