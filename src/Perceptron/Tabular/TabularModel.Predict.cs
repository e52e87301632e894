using System.Globalization;
using Perceptron.Data;
using Perceptron.Tensors;

namespace Perceptron.Tabular;

public sealed partial class TabularModel
{
    /// <summary>
    /// Predicts from raw features: applies the saved preprocessing, runs the network and, for regression, maps the
    /// output back to the target's units. Classification gives one probability per class.
    /// </summary>
    /// <param name="rawFeatures">Rows × features, in the order of <see cref="FeatureNames"/>, unscaled.</param>
    /// <returns>Rows × outputs: class probabilities, or predicted values.</returns>
    /// <exception cref="ArgumentException">The width does not match, a value is NaN or ∞, or a row's output overflows float32 (naming the row).</exception>
    public Matrix<float> Predict(Matrix<float> rawFeatures)
    {
        ArgumentNullException.ThrowIfNull(rawFeatures);
        Matrix<float> features = Scaler is null ? rawFeatures : Scaler.Transform(rawFeatures);
        Matrix<float> outputs = Network.Predict(features);
        if (TargetScaler is not null)
        {
            float mean = TargetScaler.Means[0], deviation = TargetScaler.StandardDeviations[0];
            foreach (ref float value in outputs.AsSpan())
            {
                value = value * deviation + mean;
            }
        }

        // Features far outside the training range can overflow float32 inside the network: say so rather than return ∞ or NaN.
        int bad = Array.FindIndex(outputs.Data, v => !float.IsFinite(v));
        if (bad >= 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The prediction for row {bad / outputs.Columns} is {outputs.Data[bad]}, not a finite number: its features are too far outside the training data for float32 arithmetic; check that row."), nameof(rawFeatures));
        }

        return outputs;
    }

    /// <summary>Predicts one raw row: the class probabilities, or the predicted value(s).</summary>
    /// <param name="row">One row of features, in the order of <see cref="FeatureNames"/>, unscaled.</param>
    /// <returns>The outputs for that row (one probability per class, or the value in the target's units).</returns>
    /// <exception cref="ArgumentException">The row's length does not match the model, a value is NaN or ∞, or the output overflows float32.</exception>
    public float[] Predict(ReadOnlySpan<float> row)
    {
        if (row.Length != Network.Inputs)
        {
            throw new ArgumentException($"The row has {row.Length} values but the model takes {Network.Inputs} features{(FeatureNames.Count > 0 ? $" ({string.Join(", ", FeatureNames)})" : "")}.", nameof(row));
        }

        return Predict(new Matrix<float>(1, row.Length, row.ToArray())).Data;
    }

    /// <summary>The predicted class index of each row: the most probable class (for one sigmoid output, 1 when p ≥ 0.5).</summary>
    /// <param name="probabilities">The output of <see cref="Predict(Matrix{float})"/> for a classifier.</param>
    /// <returns>One class index per row.</returns>
    public static int[] PredictedClasses(Matrix<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var classes = new int[probabilities.Rows];
        for (int row = 0; row < classes.Length; row++)
        {
            Span<float> p = probabilities.Row(row);
            int best = 0;
            for (int k = 1; k < p.Length; k++)
            {
                best = p[k] > p[best] ? k : best;
            }

            classes[row] = p.Length == 1 ? (p[0] >= 0.5f ? 1 : 0) : best;
        }

        return classes;
    }

    /// <summary>The data's features reordered to the model's feature order (by name); the data's own order when the model has no names.</summary>
    /// <param name="data">The data.</param>
    /// <returns>Rows × model inputs.</returns>
    /// <exception cref="ArgumentException">A model feature is missing from the data, or the widths differ.</exception>
    public Matrix<float> AlignFeatures(TabularDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (FeatureNames.Count == 0 || FeatureNames.SequenceEqual(data.FeatureNames))
        {
            return data.Features;
        }

        var columns = new int[FeatureNames.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = data.FeatureNames.ToList().IndexOf(FeatureNames[i]);
            if (columns[i] < 0)
            {
                throw new ArgumentException($"The model needs feature '{FeatureNames[i]}', which {data.Source} does not have; its columns are {string.Join(", ", data.FeatureNames)}.", nameof(data));
            }
        }

        var aligned = new Matrix<float>(data.Rows, columns.Length);
        for (int row = 0; row < data.Rows; row++)
        {
            for (int i = 0; i < columns.Length; i++)
            {
                aligned[row, i] = data.Features[row, columns[i]];
            }
        }

        return aligned;
    }
}
