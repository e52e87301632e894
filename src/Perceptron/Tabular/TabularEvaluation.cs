using Perceptron.Data;
using Perceptron.Metrics;

namespace Perceptron.Tabular;

/// <summary>How well a model does on a labelled data set, in the data's own units.</summary>
/// <remarks>
/// Classification reports <see cref="Accuracy"/>, <see cref="Loss"/> (the training loss: mean cross-entropy, weighted by
/// class when the model was trained with class weights), <see cref="LogLoss"/> (unweighted, as scikit-learn computes it),
/// per-class precision, recall and F1 with their averages (<see cref="Report"/>), <see cref="RocAuc"/> for two classes, and
/// a confusion matrix. Regression reports <see cref="R2"/>, <see cref="Rmse"/>, <see cref="Mae"/> and <see cref="Mse"/> in the
/// target's units, and <see cref="Loss"/>, the training objective (MSE of the standardised target). No loss includes the
/// L2 penalty. The names <see cref="ToDictionary"/> gives are stable (docs/validation.md).
/// </remarks>
public sealed record TabularEvaluation
{
    /// <summary>Classification or regression.</summary>
    public required TaskKind Task { get; init; }

    /// <summary>Rows evaluated.</summary>
    public required int Rows { get; init; }

    /// <summary>The model's loss on these rows.</summary>
    public required double Loss { get; init; }

    /// <summary>Fraction classified correctly (classification).</summary>
    public double? Accuracy { get; init; }

    /// <summary>Counts by [true class, predicted class] (classification).</summary>
    public int[,]? ConfusionMatrix => Report?.ConfusionMatrix;

    /// <summary>Per-class precision, recall, F1 and support with macro and weighted averages (classification).</summary>
    public ClassificationReport? Report { get; init; }

    /// <summary>Mean negative log-probability of the true class, unweighted, clipped as scikit-learn clips it (classification).</summary>
    public double? LogLoss { get; init; }

    /// <summary>Area under the ROC curve of the second class's probability (classification into two classes; NaN when
    /// the rows hold one class only).</summary>
    public double? RocAuc { get; init; }

    /// <summary>Coefficient of determination (regression).</summary>
    public double? R2 { get; init; }

    /// <summary>Mean absolute error in target units (regression).</summary>
    public double? Mae { get; init; }

    /// <summary>Mean squared error in target units (regression).</summary>
    public double? Mse { get; init; }

    /// <summary>Root mean squared error in target units, √MSE (regression).</summary>
    public double? Rmse => Mse is double mse ? Math.Sqrt(mse) : null;

    /// <summary>The scalar metrics by their stable names, in this order. Classification: accuracy, loss, log_loss,
    /// precision_macro, recall_macro, f1_macro, precision_weighted, recall_weighted, f1_weighted, and roc_auc for two
    /// classes. Regression: r2, rmse, mae, mse, loss.</summary>
    /// <returns>Name → value (NaN where a metric is undefined, e.g. roc_auc on rows of one class).</returns>
    public IReadOnlyDictionary<string, double> ToDictionary()
    {
        if (Task != TaskKind.Classification)
        {
            return new Dictionary<string, double> { ["r2"] = R2 ?? double.NaN, ["rmse"] = Rmse ?? double.NaN, ["mae"] = Mae ?? double.NaN, ["mse"] = Mse ?? double.NaN, ["loss"] = Loss };
        }

        var metrics = new Dictionary<string, double> { ["accuracy"] = Accuracy ?? double.NaN, ["loss"] = Loss, ["log_loss"] = LogLoss ?? double.NaN };
        if (Report is { } report)
        {
            metrics["precision_macro"] = report.MacroAverage.Precision;
            metrics["recall_macro"] = report.MacroAverage.Recall;
            metrics["f1_macro"] = report.MacroAverage.F1;
            metrics["precision_weighted"] = report.WeightedAverage.Precision;
            metrics["recall_weighted"] = report.WeightedAverage.Recall;
            metrics["f1_weighted"] = report.WeightedAverage.F1;
        }

        if (RocAuc is double auc)
        {
            metrics["roc_auc"] = auc;
        }

        return metrics;
    }

    /// <summary>Whether a larger value of the metric named <paramref name="name"/> is better (accuracy, F1, R², ROC-AUC)
    /// rather than worse (losses and errors).</summary>
    /// <param name="name">A name from <see cref="ToDictionary"/>.</param>
    /// <returns>True for scores, false for losses and errors.</returns>
    /// <exception cref="ArgumentException">The name is not one of the metrics.</exception>
    public static bool HigherIsBetter(string name) => name switch
    {
        "accuracy" or "precision_macro" or "recall_macro" or "f1_macro" or "precision_weighted" or "recall_weighted" or "f1_weighted" or "roc_auc" or "r2" => true,
        "loss" or "log_loss" or "rmse" or "mae" or "mse" => false,
        _ => throw new ArgumentException($"Unknown metric '{name}'; expected one of {string.Join(", ", MetricNames(TaskKind.Classification).Concat(MetricNames(TaskKind.Regression)).Distinct())}.", nameof(name)),
    };

    /// <summary>The names <see cref="ToDictionary"/> can give for a task, in order (roc_auc only for two classes).</summary>
    /// <param name="task">The task.</param>
    /// <returns>The metric names.</returns>
    public static IReadOnlyList<string> MetricNames(TaskKind task) => task == TaskKind.Classification
        ? ["accuracy", "loss", "log_loss", "precision_macro", "recall_macro", "f1_macro", "precision_weighted", "recall_weighted", "f1_weighted", "roc_auc"]
        : ["r2", "rmse", "mae", "mse", "loss"];
}
