using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>Argument checks shared by the scalers.</summary>
internal static class ScalerChecks
{
    /// <summary>Fit input: at least one row and every value finite.</summary>
    public static void FitInput(Matrix<float> features, string scaler)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Rows == 0)
        {
            throw new ArgumentException($"{scaler}.Fit needs at least one row; the matrix is {features.Shape}.", nameof(features));
        }

        int bad = Array.FindIndex(features.Data, v => !float.IsFinite(v));
        if (bad >= 0)
        {
            throw new ArgumentException($"{scaler}.Fit found {features.Data[bad]} at row {bad / features.Columns}, column {bad % features.Columns}; " +
                "every value must be finite (drop or impute missing values first).", nameof(features));
        }
    }

    /// <summary>Transform input: a fitted scaler and the fitted column count.</summary>
    public static void TransformInput(Matrix<float> features, int columns, bool fitted, string scaler)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (!fitted)
        {
            throw new InvalidOperationException($"The {scaler} is not fitted; call Fit on the training features first, or build it from saved parameters.");
        }

        if (features.Columns != columns)
        {
            throw new ArgumentException($"The {scaler} was fitted on {columns} columns but the matrix has {features.Columns} ({features.Shape}); use features with the same columns as in training.", nameof(features));
        }
    }

    /// <summary>Row input: a fitted scaler and a row of the fitted width.</summary>
    public static void TransformRow(int length, int columns, bool fitted, string scaler)
    {
        if (!fitted)
        {
            throw new InvalidOperationException($"The {scaler} is not fitted; call Fit on the training features first, or build it from saved parameters.");
        }

        if (length != columns)
        {
            throw new ArgumentException($"The {scaler} was fitted on {columns} columns but the row has {length}; use rows with the same columns as in training.", "row");
        }
    }

    /// <summary>Saved parameters: two finite lists of the same, non-zero length.</summary>
    public static void Parameters(IReadOnlyList<float> first, string firstName, IReadOnlyList<float> second, string secondName)
    {
        ArgumentNullException.ThrowIfNull(first, firstName);
        ArgumentNullException.ThrowIfNull(second, secondName);
        if (first.Count == 0 || first.Count != second.Count)
        {
            throw new ArgumentException($"{firstName} has {first.Count} values and {secondName} has {second.Count}; both need one value per column (at least one).", secondName);
        }

        for (int c = 0; c < first.Count; c++)
        {
            if (!float.IsFinite(first[c]) || !float.IsFinite(second[c]))
            {
                throw new ArgumentException($"Column {c} has {firstName} {first[c]} and {secondName} {second[c]}; saved parameters must be finite.", firstName);
            }
        }
    }
}
