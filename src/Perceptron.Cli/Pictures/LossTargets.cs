using System.Globalization;
using Perceptron.Data;
using Perceptron.Tensors;

namespace Perceptron.Cli.Pictures;

/// <summary>Targets as a model's loss takes them: a class index or a one-hot row for a classifier, a scaled value for a regression.</summary>
internal static class LossTargets
{
    /// <summary>The targets of every row of <paramref name="data"/>.</summary>
    /// <exception cref="UserException">A row's class is one the model does not know.</exception>
    public static Matrix<float> Of(NetworkView network, TabularDataset data)
    {
        int columns = Columns(network);
        var targets = new Matrix<float>(data.Rows, columns);
        for (int row = 0; row < data.Rows; row++)
        {
            if (data.Task == TaskKind.Classification)
            {
                string name = data.ClassNames![data.Labels![row]];
                int index = network.Model.ClassNames.Count == 0 ? data.Labels[row] : IndexOf(network.Model.ClassNames, name);
                if (index < 0 || index >= network.Widths[^1])
                {
                    throw new UserException($"Row {row} of {data.Source} has class '{name}', which the model does not know; it knows {Known(network)}.");
                }

                Set(targets, row, index, columns);
            }
            else
            {
                targets[row, 0] = Scaled(network, data.Targets![row]);
            }
        }

        return targets;
    }

    /// <summary>One target given as text: a class name (or index, for a model without class names), or a number.</summary>
    /// <param name="network">The network.</param>
    /// <param name="text">The --target value.</param>
    /// <exception cref="UserException">The text is not one of the classes, or not a number.</exception>
    public static Matrix<float> Parse(NetworkView network, string text)
    {
        int columns = Columns(network);
        var target = new Matrix<float>(1, columns);
        if (network.IsClassifier)
        {
            int index = network.Model.ClassNames.Count > 0
                ? IndexOf(network.Model.ClassNames, text.Trim())
                : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) && k >= 0 && k < network.Widths[^1] ? k : -1;
            if (index < 0)
            {
                throw new UserException($"--target '{text}' is not one of the model's classes; give one of {Known(network)}.", CliApp.Usage);
            }

            Set(target, 0, index, columns);
            return target;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new UserException($"--target expects a number such as 0.9 (the model predicts {network.Model.TargetName ?? "a value"}); '{text}' is not one.", CliApp.Usage);
        }

        target[0, 0] = Scaled(network, (float)value);
        return target;
    }

    private static int Columns(NetworkView network)
    {
        var loss = network.Model.Loss ?? network.Model.Network.Loss ?? throw new UserException("The model records no loss, so there are no gradients to show.");
        return loss.TargetColumns(network.Widths[^1]);
    }

    private static void Set(Matrix<float> targets, int row, int index, int columns)
    {
        if (columns == 1)
        {
            targets[row, 0] = index;
        }
        else
        {
            targets[row, index] = 1;
        }
    }

    private static float Scaled(NetworkView network, float value) =>
        network.Model.TargetScaler is { } scaler ? scaler.Transform(new Matrix<float>(1, 1, [value]))[0, 0] : value;

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Known(NetworkView network) => network.Model.ClassNames.Count > 0
        ? string.Join(", ", network.Model.ClassNames.Take(20)) + (network.Model.ClassNames.Count > 20 ? ", …" : "")
        : $"0–{network.Widths[^1] - 1}";
}
