namespace Perceptron.Metrics;

/// <summary>
/// Per-class precision, recall, F1 and support, their macro and weighted averages, accuracy and the confusion matrix,
/// from true and predicted class indices: what scikit-learn's <c>classification_report</c> prints.
/// </summary>
/// <remarks>
/// Precision, recall and F1 of a class with no predicted (or no true) rows are 0, as scikit-learn's default
/// <c>zero_division</c> makes them. The macro average is the plain mean over the classes that occur among the true or
/// the predicted labels (scikit-learn's default label set); the weighted average weighs each class by its support.
/// </remarks>
/// <example><code>
/// var report = ClassificationReport.FromPredictions([0, 1, 1, 2], [0, 1, 2, 2], classes: 3);
/// double macroF1 = report.MacroAverage.F1;
/// </code></example>
public sealed record ClassificationReport
{
    /// <summary>Scores of each class, by class index (every class, including any with no rows).</summary>
    public required IReadOnlyList<ClassScores> Classes { get; init; }

    /// <summary>The unweighted mean over the classes present in the true or predicted labels.</summary>
    public required ClassScores MacroAverage { get; init; }

    /// <summary>The mean over classes weighted by support.</summary>
    public required ClassScores WeightedAverage { get; init; }

    /// <summary>Fraction of rows whose predicted class is the true one.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Counts by [true class, predicted class].</summary>
    public required int[,] ConfusionMatrix { get; init; }

    /// <summary>Builds the report.</summary>
    /// <param name="truth">The true class of each row, in 0 … <paramref name="classes"/> − 1.</param>
    /// <param name="predicted">The predicted class of each row, same length.</param>
    /// <param name="classes">Number of classes, ≥ 1.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The lengths differ, there are no rows, or a class index is out of range.</exception>
    public static ClassificationReport FromPredictions(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int classes)
    {
        if (truth.Length != predicted.Length || truth.IsEmpty)
        {
            throw new ArgumentException($"A classification report needs as many predictions as true labels, at least one; got {truth.Length} labels and {predicted.Length} predictions.", nameof(predicted));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        var confusion = new int[classes, classes];
        for (int row = 0; row < truth.Length; row++)
        {
            if ((uint)truth[row] >= (uint)classes || (uint)predicted[row] >= (uint)classes)
            {
                throw new ArgumentException($"Row {row} has true class {truth[row]} and predicted class {predicted[row]}; both must be in 0…{classes - 1}.", nameof(truth));
            }

            confusion[truth[row], predicted[row]]++;
        }

        var scores = new ClassScores[classes];
        int correct = 0, present = 0;
        double macroP = 0, macroR = 0, macroF = 0, weightedP = 0, weightedR = 0, weightedF = 0;
        for (int c = 0; c < classes; c++)
        {
            int truePositives = confusion[c, c], actual = 0, predictedAs = 0;
            for (int k = 0; k < classes; k++)
            {
                actual += confusion[c, k];
                predictedAs += confusion[k, c];
            }

            double precision = predictedAs == 0 ? 0 : (double)truePositives / predictedAs;
            double recall = actual == 0 ? 0 : (double)truePositives / actual;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores[c] = new ClassScores(precision, recall, f1, actual);
            correct += truePositives;
            if (actual > 0 || predictedAs > 0)
            {
                (macroP, macroR, macroF, present) = (macroP + precision, macroR + recall, macroF + f1, present + 1);
            }

            (weightedP, weightedR, weightedF) = (weightedP + precision * actual, weightedR + recall * actual, weightedF + f1 * actual);
        }

        int rows = truth.Length;
        return new ClassificationReport
        {
            Classes = scores,
            MacroAverage = new ClassScores(macroP / present, macroR / present, macroF / present, rows),
            WeightedAverage = new ClassScores(weightedP / rows, weightedR / rows, weightedF / rows, rows),
            Accuracy = (double)correct / rows,
            ConfusionMatrix = confusion,
        };
    }
}
