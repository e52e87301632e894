using System.Globalization;
using Perceptron.Data;
using Perceptron.Tensors;

namespace Perceptron.Tabular;

public sealed partial class TabularModel
{
    /// <summary>
    /// Predicts from raw features: applies the saved preprocessing (imputation, one-hot encoding, scaling), runs the
    /// network and, for regression, maps the output back to the target's units. Classification gives one probability per class.
    /// </summary>
    /// <param name="rawFeatures">Rows × features, in the order of <see cref="Columns"/>: numbers, category indices into each
    /// categorical column's categories (an unknown category is the category count), NaN for a missing cell.</param>
    /// <returns>Rows × outputs: class probabilities, or predicted values.</returns>
    /// <exception cref="ArgumentException">The width does not match, a value is missing and the model has no imputation, a value is ∞,
    /// or a row's output overflows float32 (naming the row).</exception>
    public Matrix<float> Predict(Matrix<float> rawFeatures) => Predict(rawFeatures, firstRow: 0);

    /// <summary>As <see cref="Predict(Matrix{float})"/>, for rows that start at row <paramref name="firstRow"/> of a
    /// larger input (a chunk of a streamed file), so an error names the row in the whole input.</summary>
    internal Matrix<float> Predict(Matrix<float> rawFeatures, long firstRow) => Predict(rawFeatures, firstRow, out _);

    /// <summary>As <see cref="Predict(Matrix{float})"/>, also giving the network inputs (the transformed rows).</summary>
    internal Matrix<float> Predict(Matrix<float> rawFeatures, long firstRow, out Matrix<float> networkInputs)
    {
        ArgumentNullException.ThrowIfNull(rawFeatures);
        FeaturePipeline pipeline = Pipeline;
        if (rawFeatures.Columns != pipeline.InputWidth)
        {
            throw new ArgumentException($"The rows have {rawFeatures.Columns} values but the model takes {pipeline.InputWidth} features{Listed()}.", nameof(rawFeatures));
        }

        int missing = Imputer is null ? Array.FindIndex(rawFeatures.Data, float.IsNaN) : -1;
        if (missing >= 0)
        {
            throw new ArgumentException($"Row {firstRow + (missing / rawFeatures.Columns)}, feature '{pipeline.Columns[missing % rawFeatures.Columns].Name}' is missing (NaN), and this model has no imputation to fill it; give every value.", nameof(rawFeatures));
        }

        networkInputs = pipeline.Transform(rawFeatures);
        return PredictTransformed(networkInputs, firstRow);
    }

    /// <summary>The predictions for rows already through <see cref="Pipeline"/>: the network's outputs, in the target's
    /// units, checked finite.</summary>
    internal Matrix<float> PredictTransformed(Matrix<float> networkInputs, long firstRow)
    {
        Matrix<float> outputs = Network.Predict(networkInputs);
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
                $"The prediction for row {firstRow + (bad / outputs.Columns)} is {outputs.Data[bad]}, not a finite number: its features are too far outside the training data for float32 arithmetic; check that row."), "rawFeatures");
        }

        return outputs;
    }

    /// <summary>Predicts one raw row: the class probabilities, or the predicted value(s).</summary>
    /// <param name="row">One row of features, in the order of <see cref="Columns"/>, as for <see cref="Predict(Matrix{float})"/>.</param>
    /// <returns>The outputs for that row (one probability per class, or the value in the target's units).</returns>
    /// <exception cref="ArgumentException">The row's length does not match the model, a value is missing without imputation, or the output overflows float32.</exception>
    public float[] Predict(ReadOnlySpan<float> row)
    {
        if (row.Length != Pipeline.InputWidth)
        {
            throw new ArgumentException($"The row has {row.Length} values but the model takes {Pipeline.InputWidth} features{Listed()}.", nameof(row));
        }

        return Predict(new Matrix<float>(1, row.Length, row.ToArray())).Data;
    }

    /// <summary>Predicts one row given as text by feature name, as a CSV file would hold it: numbers in invariant culture,
    /// category names, and null, empty or a missing-value marker (NA, ?, …) for a missing cell.</summary>
    /// <param name="row">Feature name → cell text; every feature of <see cref="Columns"/> must be present (other names are ignored).</param>
    /// <returns>The outputs for that row.</returns>
    /// <exception cref="ArgumentException">A feature is absent or a numeric cell is not a number.</exception>
    /// <example><code>float[] p = model.Predict(new Dictionary&lt;string, string?&gt; { ["age"] = "41", ["city"] = "Lyon", ["income"] = null });</code></example>
    public float[] Predict(IReadOnlyDictionary<string, string?> row) => Predict(Pipeline.Parse(row, out _));
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

    /// <summary>The data's features in the model's raw form: columns matched by name, categories by text (an unknown category
    /// becomes the category count), missing cells NaN.</summary>
    /// <param name="data">The data.</param>
    /// <returns>Rows × <see cref="Columns"/>.Count.</returns>
    /// <exception cref="ArgumentException">A model feature is missing from the data, or holds categories where the model reads numbers.</exception>
    public Matrix<float> AlignFeatures(TabularDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (FeatureNames.Count == 0)
        {
            return data.Features;
        }

        return Pipeline.Encode(data);
    }

    private string Listed() => FeatureNames.Count > 0 ? $" ({string.Join(", ", FeatureNames.Take(20))}{(FeatureNames.Count > 20 ? ", …" : "")})" : "";
}
