using Perceptron.Tensors;

namespace Perceptron.Cli.Pictures;

/// <summary>A grid of points over a 2-D input plane: cell (row, column) is centred at (X(column), Y(row)), row 0 at the top.</summary>
/// <param name="XMin">Left edge.</param>
/// <param name="XMax">Right edge.</param>
/// <param name="YMin">Bottom edge.</param>
/// <param name="YMax">Top edge.</param>
/// <param name="Size">Cells per side.</param>
internal sealed record PlaneGrid(double XMin, double XMax, double YMin, double YMax, int Size)
{
    /// <summary>A grid covering the points with a 10 % margin on every side.</summary>
    public static PlaneGrid Around(Matrix<float> points, int size)
    {
        if (points.Columns != 2)
        {
            throw new UserException($"This picture is drawn over the input plane and needs data with 2 features; the data has {points.Columns}.");
        }

        double xMin = double.MaxValue, xMax = double.MinValue, yMin = double.MaxValue, yMax = double.MinValue;
        for (int row = 0; row < points.Rows; row++)
        {
            (xMin, xMax) = (Math.Min(xMin, points[row, 0]), Math.Max(xMax, points[row, 0]));
            (yMin, yMax) = (Math.Min(yMin, points[row, 1]), Math.Max(yMax, points[row, 1]));
        }

        double xMargin = Math.Max(0.1 * (xMax - xMin), 1e-3), yMargin = Math.Max(0.1 * (yMax - yMin), 1e-3);
        return new PlaneGrid(xMin - xMargin, xMax + xMargin, yMin - yMargin, yMax + yMargin, size);
    }

    /// <summary>The x of column c's centre.</summary>
    public double X(int column) => XMin + ((column + 0.5) * (XMax - XMin) / Size);

    /// <summary>The y of row r's centre (row 0 at the top).</summary>
    public double Y(int row) => YMax - ((row + 0.5) * (YMax - YMin) / Size);

    /// <summary>Every cell's centre as a row of inputs, row-major over the grid.</summary>
    public Matrix<float> Points()
    {
        var points = new Matrix<float>(Size * Size, 2);
        for (int row = 0; row < Size; row++)
        {
            for (int column = 0; column < Size; column++)
            {
                points[(row * Size) + column, 0] = (float)X(column);
                points[(row * Size) + column, 1] = (float)Y(row);
            }
        }

        return points;
    }
}
