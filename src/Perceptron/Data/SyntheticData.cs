using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>The generated built-in datasets: each a pure function of its seed, rows shuffled with the same Random.</summary>
internal static class SyntheticData
{
    private static readonly string[] Xy = ["x", "y"];

    /// <summary>5,000 pairs a, b uniform in [0, 0.5) with target a + b: the classic first regression.</summary>
    public static TabularDataset Sum(int seed)
    {
        const int Rows = 5000;
        var random = new Random(seed);
        var features = new Matrix<float>(Rows, 2);
        float[] sums = new float[Rows];
        for (int i = 0; i < Rows; i++)
        {
            float a = (float)(random.NextDouble() * 0.5), b = (float)(random.NextDouble() * 0.5);
            features[i, 0] = a;
            features[i, 1] = b;
            sums[i] = a + b;
        }

        return TabularDataset.ForRegression("sum", features, ["a", "b"], "sum", sums);
    }

    /// <summary>400 points: 100 around each corner of the unit square (σ = 0.15); class = x XOR y of the corner.</summary>
    public static TabularDataset Xor(int seed)
    {
        var random = new Random(seed);
        var points = new List<(double X, double Y, int Label)>();
        for (int i = 0; i < 400; i++)
        {
            int cx = i & 1, cy = (i >> 1) & 1;
            points.Add((cx + 0.15 * Gaussian(random), cy + 0.15 * Gaussian(random), cx ^ cy));
        }

        return Build("xor", points, 2, random);
    }

    /// <summary>500 points on two concentric circles, radius 1 (class 0) and 0.5 (class 1), noise σ = 0.05.</summary>
    public static TabularDataset Circles(int seed)
    {
        var random = new Random(seed);
        var points = new List<(double X, double Y, int Label)>();
        for (int i = 0; i < 500; i++)
        {
            int label = i % 2;
            double radius = label == 0 ? 1.0 : 0.5, angle = 2 * Math.PI * random.NextDouble();
            points.Add((radius * Math.Cos(angle) + 0.05 * Gaussian(random), radius * Math.Sin(angle) + 0.05 * Gaussian(random), label));
        }

        return Build("circles", points, 2, random);
    }

    /// <summary>500 points on two interleaving half circles (as scikit-learn's make_moons), noise σ = 0.1.</summary>
    public static TabularDataset Moons(int seed)
    {
        var random = new Random(seed);
        var points = new List<(double X, double Y, int Label)>();
        for (int i = 0; i < 500; i++)
        {
            int label = i % 2;
            double t = Math.PI * random.NextDouble();
            (double x, double y) = label == 0 ? (Math.Cos(t), Math.Sin(t)) : (1 - Math.Cos(t), 0.5 - Math.Sin(t));
            points.Add((x + 0.1 * Gaussian(random), y + 0.1 * Gaussian(random), label));
        }

        return Build("moons", points, 2, random);
    }

    /// <summary>900 points on three interleaved spiral arms (as in CS231n), angle noise σ = 0.2.</summary>
    public static TabularDataset Spiral(int seed)
    {
        const int PerClass = 300, Classes = 3;
        var random = new Random(seed);
        var points = new List<(double X, double Y, int Label)>();
        for (int k = 0; k < Classes; k++)
        {
            for (int i = 0; i < PerClass; i++)
            {
                // Radius grows 0 → 1 along the arm while the angle turns 4 radians.
                double r = i / (PerClass - 1.0), t = 4 * (k + r) + 0.2 * Gaussian(random);
                points.Add((r * Math.Sin(t), r * Math.Cos(t), k));
            }
        }

        return Build("spiral", points, Classes, random);
    }

    private static TabularDataset Build(string name, List<(double X, double Y, int Label)> points, int classes, Random random)
    {
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(points));
        var features = new Matrix<float>(points.Count, 2);
        int[] labels = new int[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            features[i, 0] = (float)points[i].X;
            features[i, 1] = (float)points[i].Y;
            labels[i] = points[i].Label;
        }

        string[] classNames = [.. Enumerable.Range(0, classes).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        return TabularDataset.ForClassification(name, features, Xy, "class", labels, classNames);
    }

    /// <summary>A standard normal sample (Box–Muller); 1 − u keeps the logarithm's argument in (0, 1].</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
