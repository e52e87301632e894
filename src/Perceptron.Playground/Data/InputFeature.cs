namespace Perceptron.Playground.Data;

/// <summary>A feature computed from a point of the plane, as the TensorFlow Playground offers them.</summary>
/// <param name="Name">The feature's column name in model files (ASCII, so a CSV header can carry it).</param>
/// <param name="Label">How the page writes it.</param>
/// <param name="Compute">The value at (x1, x2).</param>
internal sealed record InputFeature(string Name, string Label, Func<double, double, double> Compute)
{
    /// <summary>Every feature, in the page's order.</summary>
    public static IReadOnlyList<InputFeature> All { get; } =
    [
        new("x1", "x₁", (x1, _) => x1),
        new("x2", "x₂", (_, x2) => x2),
        new("x1_squared", "x₁²", (x1, _) => x1 * x1),
        new("x2_squared", "x₂²", (_, x2) => x2 * x2),
        new("x1_times_x2", "x₁·x₂", (x1, x2) => x1 * x2),
        new("sin_x1", "sin x₁", (x1, _) => Math.Sin(x1)),
        new("sin_x2", "sin x₂", (_, x2) => Math.Sin(x2)),
    ];

    /// <summary>Looks a feature up by name.</summary>
    public static InputFeature? Find(string name) => All.FirstOrDefault(f => f.Name == name);

    /// <summary>The features of points, as rows × features.</summary>
    public static Tensors.Matrix<float> Rows(IReadOnlyList<InputFeature> features, ReadOnlySpan<(double X1, double X2)> points)
    {
        var matrix = new Tensors.Matrix<float>(points.Length, features.Count);
        for (int row = 0; row < points.Length; row++)
        {
            for (int f = 0; f < features.Count; f++)
            {
                matrix[row, f] = (float)features[f].Compute(points[row].X1, points[row].X2);
            }
        }

        return matrix;
    }
}
