namespace Perceptron.Playground.Data;

/// <summary>
/// The 2-D data sets of the playground, after the TensorFlow Playground's generators (its dataset.ts): points in
/// [−6, 6]², a noise level from 0 to 0.5, and a seed that fixes every draw.
/// </summary>
internal static class PlaneDatasets
{
    /// <summary>Half-width of the input plane the page draws.</summary>
    public const double Extent = 6;

    /// <summary>The data set names, in the order the page shows them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["circles", "xor", "gauss", "spiral", "moons", "plane"];

    /// <summary>Whether a data set's label is a value (regression) rather than a class.</summary>
    public static bool IsRegression(string name) => name == "plane";

    /// <summary>Generates <paramref name="count"/> points of a data set, in a seeded random order.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="count">Points to generate (even).</param>
    /// <param name="noise">Noise level in [0, 0.5].</param>
    /// <param name="seed">Fixes the points and their order.</param>
    public static PlanePoint[] Generate(string name, int count, double noise, int seed)
    {
        var random = new Random(seed);
        PlanePoint[] points = name switch
        {
            "circles" => Circles(random, count, noise),
            "xor" => Xor(random, count, noise),
            "gauss" => Gauss(random, count, noise),
            "spiral" => Spiral(random, count, noise),
            "moons" => Moons(random, count, noise),
            "plane" => Plane(random, count, noise),
            _ => throw new ArgumentException($"Unknown data set '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
        };
        random.Shuffle(points);
        return points;
    }

    /// <summary>A disc of radius 2.5 (blue) inside a ring from 3.5 to 5 (orange); noise moves points before they are labelled.</summary>
    private static PlanePoint[] Circles(Random random, int count, double noise)
    {
        const double Radius = 5;
        var points = new PlanePoint[count];
        for (int i = 0; i < count; i++)
        {
            bool inner = i < count / 2;
            double r = inner ? Uniform(random, 0, Radius * 0.5) : Uniform(random, Radius * 0.7, Radius);
            double angle = Uniform(random, 0, 2 * Math.PI);
            double x = r * Math.Sin(angle), y = r * Math.Cos(angle);
            double nx = Uniform(random, -Radius, Radius) * noise, ny = Uniform(random, -Radius, Radius) * noise;
            double label = Math.Sqrt((x + nx) * (x + nx) + (y + ny) * (y + ny)) < Radius * 0.5 ? 1 : -1;
            points[i] = new PlanePoint(x, y, label);
        }

        return points;
    }

    /// <summary>The four quadrants: blue where x1·x2 ≥ 0, kept 0.3 away from the axes.</summary>
    private static PlanePoint[] Xor(Random random, int count, double noise)
    {
        const double Padding = 0.3;
        var points = new PlanePoint[count];
        for (int i = 0; i < count; i++)
        {
            double x = Uniform(random, -5, 5), y = Uniform(random, -5, 5);
            x += x > 0 ? Padding : -Padding;
            y += y > 0 ? Padding : -Padding;
            double nx = Uniform(random, -5, 5) * noise, ny = Uniform(random, -5, 5) * noise;
            points[i] = new PlanePoint(x, y, (x + nx) * (y + ny) >= 0 ? 1 : -1);
        }

        return points;
    }

    /// <summary>Two Gaussian clouds around (2, 2) (blue) and (−2, −2) (orange); noise widens them (σ² from 0.5 to 4).</summary>
    private static PlanePoint[] Gauss(Random random, int count, double noise)
    {
        double variance = 0.5 + noise / 0.5 * 3.5;
        var points = new PlanePoint[count];
        for (int i = 0; i < count; i++)
        {
            double c = i < count / 2 ? 2 : -2;
            points[i] = new PlanePoint(Normal(random, c, variance), Normal(random, c, variance), c > 0 ? 1 : -1);
        }

        return points;
    }

    /// <summary>Two interleaved spiral arms of radius 5, turned 1.75 times.</summary>
    private static PlanePoint[] Spiral(Random random, int count, double noise)
    {
        int half = count / 2;
        var points = new PlanePoint[count];
        for (int i = 0; i < count; i++)
        {
            int k = i % half;
            bool blue = i < half;
            double r = (double)k / half * 5, t = 1.75 * k / half * 2 * Math.PI + (blue ? 0 : Math.PI);
            points[i] = new PlanePoint(r * Math.Sin(t) + Uniform(random, -1, 1) * noise, r * Math.Cos(t) + Uniform(random, -1, 1) * noise, blue ? 1 : -1);
        }

        return points;
    }

    /// <summary>Two interleaving half circles (scikit-learn's make_moons) scaled to the plane; noise is Gaussian, σ = 2·noise.</summary>
    private static PlanePoint[] Moons(Random random, int count, double noise)
    {
        const double Scale = 3.5;
        var points = new PlanePoint[count];
        for (int i = 0; i < count; i++)
        {
            bool blue = i < count / 2;
            double t = Uniform(random, 0, Math.PI);
            (double x, double y) = blue ? (Math.Cos(t), Math.Sin(t)) : (1 - Math.Cos(t), 0.5 - Math.Sin(t));
            x = (x - 0.5) * Scale + Normal(random, 0, 4 * noise * noise);
            y = (y - 0.25) * Scale + Normal(random, 0, 4 * noise * noise);
            points[i] = new PlanePoint(x, y, blue ? 1 : -1);
        }

        return points;
    }

    /// <summary>Regression: the label is (x1 + x2) / 10, in [−1.2, 1.2], read at a noisy position.</summary>
    private static PlanePoint[] Plane(Random random, int count, double noise)
    {
        var points = new PlanePoint[count];
        for (int i = 0; i < count; i++)
        {
            double x = Uniform(random, -Extent, Extent), y = Uniform(random, -Extent, Extent);
            double nx = Uniform(random, -Extent, Extent) * noise, ny = Uniform(random, -Extent, Extent) * noise;
            points[i] = new PlanePoint(x, y, (x + nx + y + ny) / 10);
        }

        return points;
    }

    private static double Uniform(Random random, double low, double high) => low + random.NextDouble() * (high - low);

    /// <summary>A normal sample with the given mean and variance (Box–Muller; 1 − u keeps the logarithm's argument in (0, 1]).</summary>
    private static double Normal(Random random, double mean, double variance) =>
        mean + Math.Sqrt(variance) * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
