using Perceptron.Data;
using Perceptron.Tensors;

namespace Perceptron.Cli.Lessons;

/// <summary>A lesson task's data: a training split and a test split of one data set, as the network sees them before any scaling.</summary>
/// <param name="Name">Short name, e.g. "sum" or "digits8x8".</param>
/// <param name="Description">One line on what the rows are.</param>
/// <param name="Train">The rows the network learns from.</param>
/// <param name="Test">The rows it is measured on, never trained on.</param>
internal sealed record LessonData(string Name, string Description, TabularDataset Train, TabularDataset Test)
{
    /// <summary>Whether the task is classification (else regression).</summary>
    public bool IsClassification => Train.Task == TaskKind.Classification;

    /// <summary>Classes of a classification task (0 for regression).</summary>
    public int Classes => Train.ClassCount;

    /// <summary>Input columns.</summary>
    public int Inputs => Train.Features.Columns;

    /// <summary>For the sum task: 0.45 + 0.45 as a row of this data (the sample its diagram and computation graph show).</summary>
    public float[] SumSample { get; init; } = [0.45f, 0.45f];

    /// <summary>The targets of <paramref name="split"/> as the loss takes them: one-hot rows for MSE on classes, a column of class indices for cross-entropy, a column of values for regression.</summary>
    public static Matrix<float> Targets(TabularDataset split, bool oneHot)
    {
        if (split.Task == TaskKind.Regression)
        {
            return new Matrix<float>(split.Rows, 1, (float[])split.Targets!.Clone());
        }

        var targets = new Matrix<float>(split.Rows, oneHot ? split.ClassCount : 1);
        for (int row = 0; row < split.Rows; row++)
        {
            if (oneHot)
            {
                targets[row, split.Labels![row]] = 1;
            }
            else
            {
                targets[row, 0] = split.Labels![row];
            }
        }

        return targets;
    }
}
