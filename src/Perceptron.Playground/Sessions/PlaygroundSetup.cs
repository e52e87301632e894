using System.Globalization;
using Perceptron.Optimizers;
using Perceptron.Playground.Data;

namespace Perceptron.Playground.Sessions;

/// <summary>
/// Everything that defines a run, as the page's URL carries it: data, network, training. The same setup and seed
/// give the same run, bit for bit.
/// </summary>
internal sealed record PlaygroundSetup
{
    /// <summary>Largest hidden layer, in units (the page draws up to 8; wider layers are for uploaded data).</summary>
    public const int MaxUnits = 64;

    /// <summary>Most hidden layers.</summary>
    public const int MaxLayers = 6;

    /// <summary>A 2-D data set name (see <see cref="PlaneDatasets.Names"/>) or "csv" for the uploaded file.</summary>
    public string Data { get; init; } = "circles";

    /// <summary>Noise in percent, 0..50.</summary>
    public int Noise { get; init; }

    /// <summary>Share of the points used for training, in percent, 10..90; the rest is the test set.</summary>
    public int TrainPercent { get; init; } = 50;

    /// <summary>Rows per gradient step.</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>Hidden layer sizes, input side first.</summary>
    public IReadOnlyList<int> Layers { get; init; } = [4];

    /// <summary>Hidden activation name.</summary>
    public string Activation { get; init; } = "tanh";

    /// <summary>Optimizer name (sgd, momentum, nesterov, adam, adamw, rmsprop).</summary>
    public string Optimizer { get; init; } = "adam";

    /// <summary>Learning rate.</summary>
    public double LearningRate { get; init; } = 0.03;

    /// <summary>"none", "l1" or "l2" (an L1 penalty λ·Σ|w| or an L2 penalty λ·Σw² on every layer's weights).</summary>
    public string Regularization { get; init; } = "none";

    /// <summary>λ for the regularization.</summary>
    public double RegularizationRate { get; init; }

    /// <summary>"classification" or "regression".</summary>
    public string Problem { get; init; } = "classification";

    /// <summary>The input features for 2-D data (names from <see cref="InputFeature.All"/>).</summary>
    public IReadOnlyList<string> Features { get; init; } = ["x1", "x2"];

    /// <summary>Dropout rate after each hidden layer, in [0, 0.9].</summary>
    public double Dropout { get; init; }

    /// <summary>"auto" (He for the ReLU family, Glorot otherwise, as <c>perceptron train</c>) or an initializer name.</summary>
    public string Initializer { get; init; } = "auto";

    /// <summary>Fixes the data, the split, the initial weights, the shuffling and the dropout masks.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Training stops after this many epochs.</summary>
    public int Epochs { get; init; } = 100_000;

    /// <summary>Feature scaling fitted on the training rows: "none" (the 2-D data's default) or "standard" (uploaded data's).</summary>
    public string Scaling { get; init; } = "none";

    /// <summary>The L2 penalty λ the layers get.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double L2 => Regularization == "l2" ? RegularizationRate : 0;

    /// <summary>The L1 penalty λ the layers get.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double L1 => Regularization == "l1" ? RegularizationRate : 0;

    /// <summary>Checks every field and returns the first problem as a sentence naming the field, or null.</summary>
    public string? Problems()
    {
        if (Data != "csv" && !PlaneDatasets.Names.Contains(Data))
        {
            return $"data must be one of {string.Join(", ", PlaneDatasets.Names)} or csv; got '{Data}'.";
        }

        string? bad = Noise is < 0 or > 50 ? $"noise must be 0..50 (percent); got {Noise}."
            : TrainPercent is < 10 or > 90 ? $"the training share must be 10..90 (percent); got {TrainPercent}."
            : BatchSize is < 1 or > 1000 ? $"the batch size must be 1..1000; got {BatchSize}."
            : Layers.Count > MaxLayers ? $"at most {MaxLayers} hidden layers; got {Layers.Count}."
            : Layers.Any(units => units is < 1 or > MaxUnits) ? $"every hidden layer needs 1..{MaxUnits} units; got {string.Join(",", Layers)}."
            : !(LearningRate > 0 && LearningRate <= 10) ? $"the learning rate must be in (0, 10]; got {Format(LearningRate)}."
            : Regularization is not ("none" or "l1" or "l2") ? $"regularization must be none, l1 or l2; got '{Regularization}'."
            : !(RegularizationRate >= 0 && RegularizationRate <= 10) ? $"the regularization rate must be in [0, 10]; got {Format(RegularizationRate)}."
            : Problem is not ("classification" or "regression") ? $"the problem must be classification or regression; got '{Problem}'."
            : Features.Count == 0 && Data != "csv" ? "choose at least one input feature."
            : Features.FirstOrDefault(f => InputFeature.Find(f) is null) is string unknown ? $"unknown feature '{unknown}'; expected {string.Join(", ", InputFeature.All.Select(f => f.Name))}."
            : Features.Distinct().Count() != Features.Count ? "each feature may be chosen once."
            : !(Dropout >= 0 && Dropout <= 0.9) ? $"dropout must be in [0, 0.9]; got {Format(Dropout)}."
            : Initializer != "auto" && !Initializers.Initializer.All.Any(i => i.Name == Initializer) ? $"unknown initializer '{Initializer}'; expected auto or {string.Join(", ", Initializers.Initializer.All.Select(i => i.Name))}."
            : !OptimizerFactory.Names.Contains(Optimizer) ? $"unknown optimizer '{Optimizer}'; expected {string.Join(", ", OptimizerFactory.Names)}."
            : !Activations.Activation.All.Any(a => a.Name == Activation && a.Name != "softmax") ? $"unknown hidden activation '{Activation}'."
            : Epochs is < 1 or > 1_000_000 ? $"epochs must be 1..1,000,000; got {Epochs}."
            : Scaling is not ("none" or "standard" or "minmax") ? $"scaling must be none, standard or minmax; got '{Scaling}'."
            : null;
        return bad;
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
