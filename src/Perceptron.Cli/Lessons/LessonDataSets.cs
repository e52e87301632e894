using System.Globalization;
using Perceptron.Data;
using Perceptron.Tensors;

namespace Perceptron.Cli.Lessons;

/// <summary>The data the lessons train on: the sum task and its variants, and built-in data sets, each split 80/20 by the seed.</summary>
internal static class LessonDataSets
{
    private const double TestFraction = 0.2;

    /// <summary>The original's task: a, b uniform in [0, 0.5), target a + b (the built-in "sum", 5,000 rows).</summary>
    public static LessonData Sum(int seed) => Split(BuiltInDatasets.Load("sum", seed), "sum", "the sum task: a + b for a, b in [0, 0.5)", seed);

    /// <summary>The sum task with only <paramref name="rows"/> training pairs, noise-free: little to learn from.</summary>
    public static LessonData SmallSum(int seed, int rows) => Subsample(Sum(seed), rows, "sum, few pairs", $"the sum task with only {rows} training pairs");

    /// <summary>The sum task with b given in thousandths (b × 1000, in [0, 500)): the same sums, inputs on very different scales.</summary>
    public static LessonData SumInOtherUnits(int seed)
    {
        TabularDataset sum = BuiltInDatasets.Load("sum", seed);
        Matrix<float> features = sum.Features.Clone();
        for (int row = 0; row < features.Rows; row++)
        {
            features[row, 1] *= 1000;
        }

        var data = TabularDataset.ForRegression("sum, b in thousandths", features, ["a", "b_thousandths"], "sum", sum.Targets!);
        return Split(data, "sum, b in thousandths", "the sum task with b given in thousandths: a in [0, 0.5), b × 1000 in [0, 500)", seed) with { SumSample = [0.45f, 450f] };
    }

    /// <summary>The sum task as classification: which tenth of [0, 1) a + b falls in (10 classes).</summary>
    public static LessonData SumTenths(int seed)
    {
        TabularDataset sum = BuiltInDatasets.Load("sum", seed);
        int[] labels = [.. sum.Targets!.Select(t => Math.Min(9, (int)(t * 10)))];
        string[] names = [.. Enumerable.Range(0, 10).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k / 10.0:0.0}–{(k + 1) / 10.0:0.0}"))];
        var data = TabularDataset.ForClassification("sum tenths", sum.Features, sum.FeatureNames, "tenth", labels, names);
        return Split(data, "sum tenths", "the sum task as classification: which tenth of [0, 1) a + b falls in (10 classes)", seed);
    }

    /// <summary>Iris petal width (cm) from the other three measurements: a small real regression.</summary>
    public static LessonData IrisPetalWidth(int seed)
    {
        TabularDataset iris = BuiltInDatasets.Load("iris", seed);
        var features = new Matrix<float>(iris.Rows, 3);
        float[] widths = new float[iris.Rows];
        for (int row = 0; row < iris.Rows; row++)
        {
            for (int column = 0; column < 3; column++)
            {
                features[row, column] = iris.Features[row, column];
            }

            widths[row] = iris.Features[row, 3];
        }

        var data = TabularDataset.ForRegression("iris petal width", features, [.. iris.FeatureNames.Take(3)], iris.FeatureNames[3], widths);
        return Split(data, "iris petal width", "Fisher's iris: petal width (cm, 0.1–2.5) from sepal length, sepal width and petal length", seed);
    }

    /// <summary>A built-in classification data set (circles, spiral, digits8x8, mnist, …), split with stratification.</summary>
    public static LessonData BuiltIn(string name, int seed) => Split(BuiltInDatasets.Load(name, seed), name, ShortDescription(name), seed);

    /// <summary>A built-in data set with only <paramref name="rows"/> of its training rows kept (the test split is unchanged).</summary>
    public static LessonData SmallBuiltIn(string name, int seed, int rows) =>
        Subsample(BuiltIn(name, seed), rows, $"{name}, {rows} rows", $"{ShortDescription(name)}; only {rows} of its training rows kept");

    private static string ShortDescription(string name) => name switch
    {
        "circles" => "circles: two concentric rings of points, radius 1 and 0.5, centred on the origin",
        "spiral" => "spiral: three interleaved spiral arms, 3 classes",
        "moons" => "moons: two interleaving half circles",
        "xor" => "xor: points around the unit square's corners, class = XOR of the corner",
        "iris" => "iris: 4 flower measurements (cm), 3 species",
        "digits8x8" => "digits8x8: 8×8 images of handwritten digits, pixels 0–16, 10 classes",
        "mnist" => "MNIST: 28×28 images of handwritten digits, pixels 0–255, 10 classes",
        _ => BuiltInDatasets.Describe(name),
    };

    private static LessonData Split(TabularDataset data, string name, string description, int seed)
    {
        DatasetSplit split = DataSplit.TrainTestSplit(data, TestFraction, seed, stratify: data.Task == TaskKind.Classification);

        // The split keeps the file's order (iris is sorted by species); training in order, as the original does, needs a random one.
        int[] order = [.. Enumerable.Range(0, split.Train.Rows)];
        new Random(seed).Shuffle(order);
        return new LessonData(name, description, split.Train.SelectRows(order), split.Test);
    }

    private static LessonData Subsample(LessonData data, int rows, string name, string description)
    {
        // The training split is in a seeded random order (see Split): its first rows are a random sample.
        int[] kept = [.. Enumerable.Range(0, Math.Min(rows, data.Train.Rows))];
        return data with { Name = name, Description = description, Train = data.Train.SelectRows(kept) };
    }
}
