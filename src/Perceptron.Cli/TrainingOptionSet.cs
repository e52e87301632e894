using System.CommandLine;
using Perceptron.Data;
using Perceptron.Optimizers;
using Perceptron.Tabular;
using ActivationFunction = Perceptron.Activations.Activation;

namespace Perceptron.Cli;

/// <summary>
/// The options that decide how a model is trained, shared by train, cv and tune, each checked while parsing (an unknown
/// name, a negative rate, a bad layer list is a usage error before any data is read). Every default comes from the
/// library's <see cref="TabularOptions.Default"/>; for tune, the searched settings (layers, learning rate, dropout, L2,
/// batch size) take lists, with <see cref="SearchSpace"/>'s defaults.
/// </summary>
internal sealed class TrainingOptionSet
{
    private static readonly TabularOptions Defaults = TabularOptions.Default;
    private static readonly SearchSpace SpaceDefaults = new();

    private readonly bool _search;

    public TrainingOptionSet(bool search = false)
    {
        _search = search;
        string[] hidden = [.. ActivationFunction.All.Where(a => a != ActivationFunction.Softmax).Select(a => a.Name)];
        Activation = Options.Choice("--activation", $"Hidden activation: {string.Join(", ", hidden)}.", hidden, Defaults.Activation.Name,
            new Dictionary<string, string> { ["softmax"] = $"softmax normalises a layer into probabilities, which only the output layer (chosen by the task) does; hidden layers take {string.Join(", ", hidden)}." });
        Optimizer = Options.Choice("--optimizer", $"{string.Join(", ", OptimizerFactory.Names)}.", OptimizerFactory.Names, OptimizerFactory.NameOf(Defaults.Optimizer));
        Scaling = Options.Choice("--scaling", "Feature scaling fitted on the training rows: standard, minmax or none.", ScalingNames, ScalingName(Defaults.Scaling));
        if (search)
        {
            LayerLists = Options.LayerLists("--layers", "Hidden layer sizes to try: lists such as 64,32, separated by spaces or ';'.", SpaceDefaults.Layers);
            LearningRates = Options.NumberList("--learning-rate", "Learning rates to try.", SpaceDefaults.LearningRates, v => double.IsFinite(v) && v > 0, "> 0");
            Dropouts = Options.NumberList("--dropout", "Dropout rates to try.", SpaceDefaults.Dropouts, v => v is >= 0 and < 1, "in [0, 1)");
            L2s = Options.NumberList("--l2", "L2 penalties to try.", SpaceDefaults.L2s, v => double.IsFinite(v) && v >= 0, "≥ 0");
            BatchSizes = Options.NumberList("--batch-size", "Batch sizes to try.", [.. SpaceDefaults.BatchSizes.Select(b => (double)b)], v => v >= 1 && v <= int.MaxValue && v == Math.Floor(v), "that are whole and ≥ 1");
        }
        else
        {
            Layers = Options.LayerList("--layers", "Hidden layer sizes, comma-separated.", Defaults.Layers);
            LearningRate = Options.OptionalPositiveDouble("--learning-rate", "Step size (default: 0.001 for adam/adamw/rmsprop, 0.01 for sgd).");
            Dropout = Options.Fraction("--dropout", "Dropout rate after each hidden layer.", Defaults.Dropout);
            L2 = Options.NonNegativeDouble("--l2", "L2 penalty λ on the weights (λ·Σw² joins the training objective, not the reported loss).", Defaults.L2);
            BatchSize = Options.Int("--batch-size", "Rows per gradient step.", Defaults.BatchSize, minimum: 1);
        }
    }

    public Option<int[]?>? Layers { get; }

    public Option<int[][]?>? LayerLists { get; }

    public Option<string> Activation { get; }

    public Option<int> Epochs { get; } = Options.Int("--epochs", "Passes over the training data.", Defaults.Epochs, minimum: 1);

    public Option<int>? BatchSize { get; }

    public Option<double[]?>? BatchSizes { get; }

    public Option<string> Optimizer { get; }

    public Option<double?>? LearningRate { get; }

    public Option<double[]?>? LearningRates { get; }

    public Option<double> ValidationSplit { get; } = Options.Fraction("--validation-split", "Fraction of the training rows held out to validate each epoch.", Defaults.ValidationSplit);

    public Option<int?> EarlyStopping { get; } = EarlyStoppingOption();

    public Option<string> Scaling { get; }

    public Option<double>? Dropout { get; }

    public Option<double[]?>? Dropouts { get; }

    public Option<double>? L2 { get; }

    public Option<double[]?>? L2s { get; }

    public Option<double> L1 { get; } = Options.NonNegativeDouble("--l1", "L1 penalty λ₁ on the weights (λ₁·Σ|w| joins the training objective, not the reported loss).", Defaults.L1);

    public Option<ClassWeights?> ClassWeight { get; } = ClassWeightOption();

    public Option<int> Seed { get; } = Options.Int("--seed", "Seed for the splits, initialisation, shuffling and dropout.", Defaults.Seed, minimum: int.MinValue);

    public Option<int> Threads { get; } = Options.Int("--threads", "Threads for the matrix kernels (default: all cores).", Environment.ProcessorCount, minimum: 1);

    public Option<double?> ClipNorm { get; } = Options.OptionalPositiveDouble("--clip-norm", "Rescale the gradients so their global L2 norm is at most this.");

    public Option<double?> ClipValue { get; } = Options.OptionalPositiveDouble("--clip-value", "Clamp every gradient element to [-value, value].");

    /// <summary>Adds every option to <paramref name="command"/>, in the order the help lists them.</summary>
    public void AddTo(Command command)
    {
        Option?[] options =
        [
            Layers, LayerLists, Activation, Epochs, BatchSize, BatchSizes, Optimizer, LearningRate, LearningRates, ValidationSplit, EarlyStopping,
            Scaling, Dropout, Dropouts, L2, L2s, L1, ClassWeight, Seed, Threads, ClipNorm, ClipValue,
        ];
        foreach (Option option in options.OfType<Option>())
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The library's options from the parsed command line (for tune, the searched settings keep their defaults).</summary>
    public TabularOptions Read(ParseResult parsed, CancellationToken cancellation)
    {
        var options = new TabularOptions
        {
            Activation = ActivationFunction.FromName(parsed.GetValue(Activation)!),
            Epochs = parsed.GetValue(Epochs),
            Optimizer = OptimizerFactory.Parse(parsed.GetValue(Optimizer)!),
            ValidationSplit = parsed.GetValue(ValidationSplit),
            EarlyStoppingPatience = parsed.GetValue(EarlyStopping),
            Scaling = Enum.GetValues<FeatureScaling>().Single(kind => ScalingName(kind) == parsed.GetValue(Scaling)),
            ClassWeights = parsed.GetValue(ClassWeight),
            Seed = parsed.GetValue(Seed),
            L1 = parsed.GetValue(L1),
            ClipNorm = parsed.GetValue(ClipNorm),
            ClipValue = parsed.GetValue(ClipValue),
            CancellationToken = cancellation,
        };
        return _search ? options : options with
        {
            Layers = Given(parsed, Layers!) ?? Defaults.Layers,
            BatchSize = parsed.GetValue(BatchSize!),
            LearningRate = parsed.GetValue(LearningRate!),
            Dropout = parsed.GetValue(Dropout!),
            L2 = parsed.GetValue(L2!),
        };
    }

    /// <summary>The checks that need the data: class weights must name its classes, and suit its task (a usage error).</summary>
    public static void CheckAgainst(TabularOptions options, TabularDataset data)
    {
        try
        {
            options.ClassWeights?.Resolve(data);
        }
        catch (ArgumentException exception)
        {
            throw new UserException($"--class-weight {options.ClassWeights}: {ErrorText.OneLine(exception)}", CliApp.Usage);
        }
    }

    /// <summary>The values tune searches, from its list options (each list's default where not given).</summary>
    public SearchSpace ReadSpace(ParseResult parsed) => new()
    {
        Layers = Given(parsed, LayerLists!) ?? SpaceDefaults.Layers,
        LearningRates = Given(parsed, LearningRates!) ?? SpaceDefaults.LearningRates,
        Dropouts = Given(parsed, Dropouts!) ?? SpaceDefaults.Dropouts,
        L2s = Given(parsed, L2s!) ?? SpaceDefaults.L2s,
        BatchSizes = Given(parsed, BatchSizes!) is double[] sizes ? [.. sizes.Select(size => (int)size)] : SpaceDefaults.BatchSizes,
    };

    /// <summary>The option's value when given on the command line; null when absent (the parser would give an empty list).</summary>
    private static T? Given<T>(ParseResult parsed, Option<T> option) =>
        parsed.GetResult(option) is { Implicit: false } ? parsed.GetValue(option) : default;

    private static readonly string[] ScalingNames = [.. Enum.GetValues<FeatureScaling>().Select(ScalingName)];

    private static string ScalingName(FeatureScaling scaling) => scaling.ToString().ToLowerInvariant();

    private static Option<int?> EarlyStoppingOption() => new("--early-stopping")
    {
        Description = "Stop after PATIENCE epochs without a better validation loss (uses 10% of the training rows for validation unless --validation-split is given).",
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int patience) || patience < 1)
            {
                result.AddError($"--early-stopping expects a patience in epochs, a whole number ≥ 1; got '{text}'.");
                return null;
            }

            return patience;
        },
    };

    private static Option<ClassWeights?> ClassWeightOption() => new("--class-weight")
    {
        Description = "Weigh the classes in the loss, for imbalanced data: 'balanced' (each class in inverse proportion to its rows) or CLASS=WEIGHT pairs such as 0=1,1=5 (unnamed classes weigh 1).",
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            try
            {
                return ClassWeights.Parse(text);
            }
            catch (FormatException exception)
            {
                result.AddError($"--class-weight: {exception.Message}");
                return null;
            }
        },
    };
}
