namespace Perceptron.Metrics;

/// <summary>The area under the ROC curve of a binary classifier: the probability that a random positive row scores
/// higher than a random negative one, ties counting half.</summary>
/// <remarks>
/// Computed as the Mann–Whitney statistic, AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊·n₋), where R₊ is the sum of the positive
/// rows' ranks among all scores (tied scores share their mean rank). This equals the trapezoidal area under the ROC
/// curve that scikit-learn's <c>roc_auc_score</c> computes.
/// </remarks>
public static class RocAuc
{
    /// <summary>The ROC-AUC of <paramref name="scores"/> (higher means more likely positive) against 0/1 labels.</summary>
    /// <param name="scores">One score per row, e.g. the probability of the positive class; finite.</param>
    /// <param name="positive">Whether each row is positive, same length.</param>
    /// <returns>The AUC in [0, 1], or NaN when every row has the same label (the curve is undefined).</returns>
    /// <exception cref="ArgumentException">The lengths differ or a score is NaN.</exception>
    public static double Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        if (scores.Length != positive.Length)
        {
            throw new ArgumentException($"ROC-AUC needs one label per score; got {scores.Length} scores and {positive.Length} labels.", nameof(positive));
        }

        int[] order = new int[scores.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
            if (double.IsNaN(scores[i]))
            {
                throw new ArgumentException($"Score {i} is NaN; ROC-AUC needs a number for every row.", nameof(scores));
            }
        }

        double[] keys = scores.ToArray();
        Array.Sort(keys, order);

        // Ranks 1…n in ascending score order; a run of equal scores shares the mean of its ranks.
        double positiveRankSum = 0;
        long positives = 0;
        for (int start = 0; start < keys.Length;)
        {
            int end = start;
            while (end + 1 < keys.Length && keys[end + 1] == keys[start])
            {
                end++;
            }

            double meanRank = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++)
            {
                if (positive[order[i]])
                {
                    positiveRankSum += meanRank;
                    positives++;
                }
            }

            start = end + 1;
        }

        long negatives = keys.Length - positives;
        return positives == 0 || negatives == 0
            ? double.NaN
            : (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
