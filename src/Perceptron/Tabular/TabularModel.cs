using Perceptron.Data;
using Perceptron.Losses;
using Perceptron.Optimizers;
using Perceptron.Serialization;
using Perceptron.Training;

namespace Perceptron.Tabular;

/// <summary>
/// A trained model with everything needed to use it on raw rows: the network, the feature preprocessing fitted at
/// training time, feature and class names, and how it was trained. It predicts, evaluates and aligns columns by name;
/// <see cref="Save"/> and <see cref="Load"/> go through the model file format (docs/model-format.md).
/// </summary>
/// <example><code>
/// TabularModel model = TabularModel.Load("iris.model.json");
/// float[] probabilities = model.Predict([5.1f, 3.5f, 1.4f, 0.2f]);
/// </code></example>
/// <param name="network">The network; built.</param>
public sealed partial class TabularModel(Sequential<float> network)
{
    /// <summary>The network.</summary>
    public Sequential<float> Network { get; } = network ?? throw new ArgumentNullException(nameof(network));

    /// <summary>The loss the network was trained with, or null (a bare network); evaluation reports it.</summary>
    public Loss? Loss { get; init; } = network?.Loss;

    /// <summary>The optimizer's name and settings, as saved; null for none. Predicting needs no optimizer.</summary>
    public OptimizerConfig? Optimizer { get; init; } = network?.Optimizer is { } optimizer ? OptimizerConfig.Of(optimizer) : null;

    /// <summary>Classification or regression; null for a bare network.</summary>
    public TaskKind? Task { get; init; }

    /// <summary>The input features' names, in column order (as many as the network's inputs), or empty.</summary>
    public IReadOnlyList<string> FeatureNames { get; init; } = [];

    /// <summary>The target column's name, if known.</summary>
    public string? TargetName { get; init; }

    /// <summary>Class names by index, for classification.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>Preprocessing step 1: fill values for missing cells (and indicator columns), fitted on the training split; or null.</summary>
    public MissingValueImputer? Imputer { get; init; }

    /// <summary>Preprocessing step 2: the categories of each categorical feature, one-hot encoded; or null.</summary>
    public OneHotEncoder? Encoder { get; init; }

    /// <summary>Preprocessing step 3: the scaler of the encoded features fitted on the training split (a <see cref="StandardScaler"/> or <see cref="MinMaxScaler"/>), or null.</summary>
    public IFeatureScaler? Scaler { get; init; }

    /// <summary>The three preprocessing steps as one <see cref="FeaturePipeline"/>, from raw features (by <see cref="FeatureNames"/>,
    /// or x0, x1, … without names) to the network's inputs.</summary>
    /// <exception cref="InvalidOperationException">The steps do not fit the names or the network.</exception>
    public FeaturePipeline Pipeline => _pipeline ??= BuildPipeline();

    /// <summary>The raw features the model reads: names, kinds and the categories it knows.</summary>
    public IReadOnlyList<FeatureColumn> Columns => Pipeline.Columns;

    private FeaturePipeline? _pipeline;

    /// <summary>For regression, the scaler fitted on the training targets (one column): the network predicts scaled targets and <see cref="Predict(Tensors.Matrix{float})"/> maps them back.</summary>
    public StandardScaler? TargetScaler { get; init; }

    /// <summary>Facts about training (data set, rows, epochs, time, outcome, tool), or null.</summary>
    public TrainingFacts? Training { get; init; }

    /// <summary>Writes the model file atomically (temporary file, then rename).</summary>
    /// <param name="path">Where to write.</param>
    /// <exception cref="InvalidOperationException">The network is not built.</exception>
    /// <exception cref="IOException">The folder does not exist or cannot be written.</exception>
    public void Save(string path) => ToDocument().Save(path);

    /// <summary>Reads and fully validates a model file; nothing in it is executed.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>The model, ready to predict.</returns>
    /// <exception cref="ModelFormatException">Any defect, naming the field and what was expected.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TabularModel Load(string path) => FromDocument(ModelDocument.Load(path));

    /// <summary>The model as the file format's content.</summary>
    /// <returns>A document sharing this model's network, scalers and names.</returns>
    public ModelDocument ToDocument() => new()
    {
        Network = Network,
        Loss = Loss,
        Optimizer = Optimizer,
        Task = Task,
        FeatureNames = FeatureNames,
        TargetName = TargetName,
        ClassNames = ClassNames,
        Imputer = Imputer,
        Encoder = Encoder,
        Scaler = Scaler,
        TargetScaler = TargetScaler,
        Training = Training,
    };

    /// <summary>The model a model file's content describes.</summary>
    /// <param name="document">What a model file holds (e.g. a checkpoint's model).</param>
    /// <returns>A model sharing the document's network, scalers and names.</returns>
    public static TabularModel FromDocument(ModelDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new TabularModel(document.Network)
        {
            Loss = document.Loss ?? document.Network.Loss,
            Optimizer = document.Optimizer ?? (document.Network.Optimizer is { } optimizer ? OptimizerConfig.Of(optimizer) : null),
            Task = document.Task,
            FeatureNames = document.FeatureNames,
            TargetName = document.TargetName,
            ClassNames = document.ClassNames,
            Imputer = document.Imputer,
            Encoder = document.Encoder,
            Scaler = document.Scaler,
            TargetScaler = document.TargetScaler,
            Training = document.Training,
        };
    }

    private FeaturePipeline BuildPipeline()
    {
        int raw = Imputer?.InputWidth ?? Encoder?.InputWidth ?? Network.Inputs;
        IReadOnlyList<string> names = FeatureNames.Count > 0 ? FeatureNames : [.. Enumerable.Range(0, raw).Select(i => $"x{i}")];
        FeatureColumn[] columns = [.. names.Select((name, c) => Encoder?.ColumnAt(c) is { } encoding ? FeatureColumn.Categorical(name, encoding.Categories) : FeatureColumn.Numeric(name))];
        try
        {
            var pipeline = new FeaturePipeline(columns, Imputer, Encoder, Scaler);
            return pipeline.OutputWidth == Network.Inputs ? pipeline
                : throw new ArgumentException($"The preprocessing gives {pipeline.OutputWidth} columns but the network takes {Network.Inputs}.");
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"The model's preprocessing does not fit its features and network: {exception.Message}", exception);
        }
    }
}
