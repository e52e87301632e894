using System.Globalization;
using Perceptron.Activations;
using Perceptron.Initializers;

namespace Perceptron.Cli.Lessons;

/// <summary>
/// How a lesson's network is built and trained: every setting the lessons switch, one at a time. The network's size
/// and the epochs belong to the task (<see cref="LessonTask"/>), not to the recipe.
/// </summary>
/// <remarks>
/// <see cref="Original"/> is the educational original exactly: no biases, sigmoid everywhere, weights uniform in
/// [0, 1), one sample at a time in order, plain gradient descent on the squared error. Each lesson's "before" is the
/// recipe all earlier lessons built; its "after" switches on one fix.
/// </remarks>
internal sealed record Recipe
{
    /// <summary>The original's network and training, run by the classic class.</summary>
    public static Recipe Original { get; } = new();

    /// <summary>Run by <see cref="Perceptron.Classic.MultilayerPerceptron"/> (float64, the original's code) instead of the engine.</summary>
    public bool Classic { get; init; } = true;

    /// <summary>Each layer adds a bias b before its activation.</summary>
    public bool Biases { get; init; }

    /// <summary>The hidden layers' activation.</summary>
    public Activation Hidden { get; init; } = Activation.Sigmoid;

    /// <summary>The output's activation on regression tasks (sigmoid squeezes it into (0, 1); linear does not).</summary>
    public Activation RegressionOutput { get; init; } = Activation.Sigmoid;

    /// <summary>Classification ends in softmax with cross-entropy; otherwise one sigmoid unit per class with MSE on one-hot targets.</summary>
    public bool SoftmaxCrossEntropy { get; init; }

    /// <summary>How the weights start (biases start at zero).</summary>
    public Initializer Initializer { get; init; } = Initializer.Uniform01;

    /// <summary>Standardise each input column (mean 0, standard deviation 1 on the training rows).</summary>
    public bool ScaleInputs { get; init; }

    /// <summary>Rows per gradient step (1: one sample at a time, as the original).</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>Visit the training rows in a new random order every epoch (the original goes in order).</summary>
    public bool Shuffle { get; init; }

    /// <summary>
    /// The optimizer. The engine's MSE is mean((p − t)²), whose gradient is twice that of the original's ½‖t − p‖², so
    /// the engine's η 0.05 takes the original's step for η 0.1.
    /// </summary>
    public OptimizerChoice Optimizer { get; init; } = OptimizerChoice.Sgd(0.05);

    /// <summary>Rescale each step's gradient so its norm ‖g‖ is at most this, bounding the step η·‖g‖ (null: no clipping).</summary>
    public double? ClipNorm { get; init; }

    /// <summary>L2 penalty λ·Σw² on every layer's weights (0: none).</summary>
    public double L2 { get; init; }

    /// <summary>Dropout rate after each hidden layer (0: none).</summary>
    public double Dropout { get; init; }

    /// <summary>Stop when the validation loss has not improved for this many epochs and keep the best epoch's weights (null: train every epoch).</summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>Whether the classic class can run this recipe: the original's, with or without biases, at any learning rate.</summary>
    public bool IsClassic => WithoutBiasesOrRate(this) == WithoutBiasesOrRate(Original);

    /// <summary>The recipe in one line, e.g. "biases, sigmoid hidden, linear output, uniform [0, 1) weights, …".</summary>
    public override string ToString()
    {
        var parts = new List<string>
        {
            Classic ? "classic class" : "engine",
            Biases ? "biases" : "no biases",
            $"{Hidden.Name} hidden",
            $"{RegressionOutput.Name} output (regression)",
            SoftmaxCrossEntropy ? "softmax + cross-entropy (classes)" : "sigmoid + MSE (classes)",
            $"{Initializer.Name} weights",
            ScaleInputs ? "standardised inputs" : "raw inputs",
            BatchSize == 1 ? "one sample per step" : Invariant($"batches of {BatchSize}"),
            Shuffle ? "shuffled" : "in order",
            Classic ? Invariant($"gradient descent η {2 * Optimizer.LearningRate} on ½‖t − o‖²") : Optimizer.ToString(),
        };
        if (ClipNorm is double clip)
        {
            parts.Add(Invariant($"gradient norm clipped at {clip}"));
        }

        if (L2 > 0)
        {
            parts.Add(Invariant($"L2 λ {L2}"));
        }

        if (Dropout > 0)
        {
            parts.Add(Invariant($"dropout {Dropout}"));
        }

        if (EarlyStoppingPatience is int patience)
        {
            parts.Add(Invariant($"early stopping (patience {patience})"));
        }

        return string.Join(", ", parts);
    }

    private static Recipe WithoutBiasesOrRate(Recipe recipe) => recipe with { Biases = false, Optimizer = recipe.Optimizer with { LearningRate = 0 } };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
