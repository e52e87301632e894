using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>A per-column feature transform that is fitted on training data and then re-applied unchanged.</summary>
/// <remarks>Fit on the training split only, so that no information leaks from the test split; save the fitted
/// parameters with the model and rebuild the scaler from them to transform data at prediction time.</remarks>
public interface IFeatureScaler
{
    /// <summary>Whether <see cref="Fit"/> has run (or the scaler was built from saved parameters).</summary>
    bool IsFitted { get; }

    /// <summary>Number of columns the scaler was fitted on; 0 before fitting.</summary>
    int Columns { get; }

    /// <summary>Learns the per-column parameters from <paramref name="features"/>.</summary>
    /// <param name="features">Training features, rows × columns; at least one row, every value finite.</param>
    /// <exception cref="ArgumentException">No rows, or a NaN or infinite value (the message names its row and column).</exception>
    void Fit(Matrix<float> features);

    /// <summary>Transforms a copy of <paramref name="features"/>.</summary>
    /// <param name="features">Features with <see cref="Columns"/> columns; left unchanged.</param>
    /// <returns>A new matrix of the same shape.</returns>
    /// <exception cref="InvalidOperationException">The scaler is not fitted.</exception>
    /// <exception cref="ArgumentException">The column count differs from the fitted one.</exception>
    Matrix<float> Transform(Matrix<float> features);

    /// <summary>Transforms <paramref name="features"/> in place.</summary>
    /// <param name="features">Features with <see cref="Columns"/> columns; overwritten.</param>
    /// <exception cref="InvalidOperationException">The scaler is not fitted.</exception>
    /// <exception cref="ArgumentException">The column count differs from the fitted one.</exception>
    void TransformInPlace(Matrix<float> features);

    /// <summary>Transforms one row in place (a row-by-row reader's path; the same arithmetic as <see cref="TransformInPlace"/>).</summary>
    /// <param name="row">One row of <see cref="Columns"/> values; overwritten.</param>
    /// <exception cref="InvalidOperationException">The scaler is not fitted.</exception>
    /// <exception cref="ArgumentException">The row's length differs from the fitted column count.</exception>
    void TransformRow(Span<float> row);

    /// <summary>Fits on <paramref name="features"/>, then returns them transformed (as a new matrix).</summary>
    /// <param name="features">Training features; left unchanged.</param>
    /// <returns>A new, transformed matrix.</returns>
    Matrix<float> FitTransform(Matrix<float> features);
}
