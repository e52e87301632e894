namespace Perceptron.Metrics;

/// <summary>The mean negative log-likelihood of the true classes under predicted probabilities: −(1/N) Σ log p(yᵢ).</summary>
/// <remarks>
/// As scikit-learn's <c>log_loss</c>: each probability is clipped to [ε, 1 − ε] with ε the float64 machine epsilon
/// (2.2e−16), so a confident wrong answer costs about 36, not infinity, then each row is divided by its sum. A single
/// column is read as the probability of class 1 (a sigmoid output).
/// </remarks>
public static class LogLoss
{
    /// <summary>The log loss of row-major probabilities against class indices.</summary>
    /// <param name="probabilities">Rows × <paramref name="columns"/> probabilities (or one column: P(class 1)).</param>
    /// <param name="labels">The true class of each row.</param>
    /// <param name="columns">Columns per row, ≥ 1.</param>
    /// <returns>The mean log loss, ≥ 0.</returns>
    /// <exception cref="ArgumentException">The sizes disagree, a label is out of range, or a probability is negative or NaN.</exception>
    public static double Compute(ReadOnlySpan<float> probabilities, ReadOnlySpan<int> labels, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (labels.IsEmpty || probabilities.Length != labels.Length * columns)
        {
            throw new ArgumentException($"Log loss needs {columns} probabilities per label and at least one row; got {probabilities.Length} probabilities for {labels.Length} labels.", nameof(probabilities));
        }

        double sum = 0;
        int classes = columns == 1 ? 2 : columns;
        for (int row = 0; row < labels.Length; row++)
        {
            ReadOnlySpan<float> p = probabilities.Slice(row * columns, columns);
            int label = labels[row];
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentException($"Row {row} has class {label}; expected 0…{classes - 1}.", nameof(labels));
            }

            // Clip every probability, then renormalise the row (scikit-learn's order); one column is [1 − p, p].
            double total = 0, mine = 0;
            for (int k = 0; k < classes; k++)
            {
                double value = columns == 1 ? (k == 1 ? p[0] : 1.0 - p[0]) : p[k];
                if (!(value >= 0))
                {
                    throw new ArgumentException($"Row {row} has a negative or NaN probability; log loss needs probabilities.", nameof(probabilities));
                }

                value = Math.Clamp(value, Epsilon, 1 - Epsilon);
                total += value;
                mine = k == label ? value : mine;
            }

            sum -= Math.Log(mine / total);
        }

        return sum / labels.Length;
    }

    /// <summary>The float64 machine epsilon, scikit-learn's clipping bound for float64 probabilities.</summary>
    private const double Epsilon = 2.220446049250313e-16;
}
