using System.Globalization;

namespace Perceptron.Diagnostics;

/// <summary>How one parameter tensor's analytic gradient compares with central finite differences.</summary>
/// <param name="Tensor">The tensor checked.</param>
/// <param name="Checked">Elements compared.</param>
/// <param name="MaxRelativeError">The largest |analytic − numeric| / (max(|analytic|, |numeric|) + floor) over the elements compared.</param>
/// <param name="WorstIndex">The element with that error, counted within the tensor (row-major).</param>
/// <param name="Analytic">The backward pass's gradient at that element.</param>
/// <param name="Numeric">The central difference at that element.</param>
/// <param name="Passed">Whether <paramref name="MaxRelativeError"/> is within the tolerance.</param>
public sealed record TensorCheck(ParameterTensor Tensor, int Checked, double MaxRelativeError, int WorstIndex, double Analytic, double Numeric, bool Passed)
{
    /// <summary>The worst element as (row, column).</summary>
    public (int Row, int Column) WorstElement => Tensor.Position(WorstIndex);

    /// <summary>One line, e.g. "dense_1 kernel [4×3]: max relative error 2.10e-09 at [2, 0] (analytic …, numeric …): ok".</summary>
    /// <returns>The tensor, its worst element and the verdict.</returns>
    public override string ToString()
    {
        var (row, column) = WorstElement;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Tensor.Layer} {Tensor.Name} [{Tensor.Rows}×{Tensor.Columns}]: max relative error {MaxRelativeError:0.00e+00} at [{row}, {column}] (analytic {Analytic:G10}, numeric {Numeric:G10}): {(Passed ? "ok" : "FAILED")}");
    }
}
