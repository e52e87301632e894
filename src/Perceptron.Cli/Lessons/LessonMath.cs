namespace Perceptron.Cli.Lessons;

/// <summary>Small measurements the lessons report.</summary>
internal static class LessonMath
{
    /// <summary>The first epoch (from 1) whose value is at least <paramref name="threshold"/>, or null.</summary>
    public static int? FirstReaching(IReadOnlyList<double> perEpoch, double threshold)
    {
        for (int i = 0; i < perEpoch.Count; i++)
        {
            if (perEpoch[i] >= threshold)
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>√(mean of the squares): a gradient's typical size.</summary>
    public static double RootMeanSquare(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float value in values)
        {
            sum += (double)value * value;
        }

        return values.IsEmpty ? 0 : Math.Sqrt(sum / values.Length);
    }

    /// <summary>Accuracy (argmax of each row against the label) or R² of predictions.</summary>
    public static double Score(double[][] predictions, LessonData data, bool test)
    {
        var split = test ? data.Test : data.Train;
        if (data.IsClassification)
        {
            int correct = 0;
            for (int row = 0; row < predictions.Length; row++)
            {
                if (Array.IndexOf(predictions[row], predictions[row].Max()) == split.Labels![row])
                {
                    correct++;
                }
            }

            return (double)correct / predictions.Length;
        }

        double mean = split.Targets!.Average(t => (double)t), residual = 0, total = 0;
        for (int row = 0; row < predictions.Length; row++)
        {
            residual += Math.Pow(predictions[row][0] - split.Targets![row], 2);
            total += Math.Pow(split.Targets![row] - mean, 2);
        }

        return 1 - (residual / total);
    }
}
