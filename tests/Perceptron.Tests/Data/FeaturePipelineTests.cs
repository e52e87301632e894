using Perceptron.Data;
using Perceptron.Tensors;

namespace Perceptron.Tests.Data;

/// <summary>Imputation, one-hot encoding and scaling: fill values and categories checked by hand, the scaler derived from
/// statistics checked against a scaler fitted on the encoded matrix itself.</summary>
public class FeaturePipelineTests
{
    private const float Nan = float.NaN;

    /// <summary>age: 1, missing, 3, 10; city (the file's categories b, a, c): b, a, missing, b; target 0/1.</summary>
    private static TabularDataset Small() => TabularDataset.ForClassification("small.csv",
        new Matrix<float>(new float[,] { { 1, 0 }, { Nan, 1 }, { 3, Nan }, { 10, 0 } }), ["age", "city"], "y", [0, 1, 0, 1], ["0", "1"],
        columns: [FeatureColumn.Numeric("age"), FeatureColumn.Categorical("city", ["b", "a", "c"])]);

    [Fact]
    public void Fit_FillValuesAndCategories_AreTheHandComputedOnes()
    {
        FeaturePipeline pipeline = FeaturePipeline.Fit(Small(), new PreprocessingOptions { Scaling = FeatureScaling.None });

        // age: median of 1, 3, 10 is 3. city: b twice, a once; c never seen in these rows, so not a category; b is the mode.
        Assert.Equal([3f, 1f], pipeline.Imputer!.FillValues);
        OneHotColumn city = Assert.Single(pipeline.Encoder!.Columns);
        Assert.Equal((1, false), (city.Index, city.HasOther));
        Assert.Equal(["a", "b"], city.Categories);
        Assert.Equal(["age", "city=a", "city=b"], pipeline.OutputNames);
        Assert.Equal(new float[] { 1, 0, 1, 3, 1, 0, 3, 0, 1, 10, 0, 1 }, pipeline.Transform(pipeline.Encode(Small())).Data);
    }

    [Theory]
    [InlineData(ImputeStrategy.Mean, 14f / 3)]
    [InlineData(ImputeStrategy.MostFrequent, 1f)]
    [InlineData(ImputeStrategy.Median, 3f)]
    public void Fit_ImputeStrategy_ChoosesTheFillValue(ImputeStrategy strategy, float fill)
    {
        FeaturePipeline pipeline = FeaturePipeline.Fit(Small(), new PreprocessingOptions { Impute = strategy });

        Assert.Equal(fill, pipeline.Imputer!.FillValues[0], 1e-6f);
        Assert.Equal(strategy, pipeline.Imputer.Strategy);
    }

    [Fact]
    public void Fit_MissingIndicators_AppendAColumnPerFeatureWithMissingCells()
    {
        FeaturePipeline pipeline = FeaturePipeline.Fit(Small(), new PreprocessingOptions { MissingIndicators = true, Scaling = FeatureScaling.None });

        Assert.Equal([0, 1], pipeline.Imputer!.IndicatorColumns);
        Assert.Equal(["age", "city=a", "city=b", "age (missing)", "city (missing)"], pipeline.OutputNames);
        Assert.Equal(new float[] { 3, 1, 0, 1, 0 }, pipeline.Transform(pipeline.Encode(Small())).Row(1).ToArray());
    }

    [Fact]
    public void Fit_CategoryCap_KeepsTheMostFrequentAndAddsOther()
    {
        FeaturePipeline pipeline = FeaturePipeline.Fit(Small(), new PreprocessingOptions { MaxCategories = 1, Scaling = FeatureScaling.None });

        OneHotColumn city = pipeline.Encoder!.Columns[0];
        Assert.Equal(["b"], city.Categories);
        Assert.True(city.HasOther);
        Assert.Equal(["age", "city=b", "city=(other)"], pipeline.OutputNames);

        // a was cut by the cap and z was never seen: both land in "other"; a missing city takes b.
        float[] row = pipeline.Parse(new Dictionary<string, string?> { ["age"] = "2", ["city"] = "z" }, out var unseen);
        Assert.Equal(["city"], unseen);
        Assert.Equal(new float[] { 2, 0, 1 }, Transform(pipeline, row));
        Assert.Equal(new float[] { 3, 1, 0 }, Transform(pipeline, pipeline.Parse(new Dictionary<string, string?> { ["age"] = "NA", ["city"] = null }, out _)));
    }

    [Fact]
    public void Transform_UnknownCategoryWithoutOther_IsAllZeros()
    {
        FeaturePipeline pipeline = FeaturePipeline.Fit(Small(), new PreprocessingOptions { Scaling = FeatureScaling.None });

        Assert.Equal(new float[] { 5, 0, 0 }, Transform(pipeline, [5, 2]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Fit_ScalerFromStatistics_EqualsAScalerFittedOnTheEncodedRows(int seed)
    {
        TabularDataset data = RandomTable(seed, rows: 300);
        FeaturePipeline unscaled = FeaturePipeline.Fit(data, new PreprocessingOptions { MissingIndicators = true, MaxCategories = 3, Scaling = FeatureScaling.None });
        Matrix<float> encoded = unscaled.Transform(unscaled.Encode(data));

        var standard = (StandardScaler)FeaturePipeline.Fit(data, new PreprocessingOptions { MissingIndicators = true, MaxCategories = 3 }).Scaler!;
        var minMax = (MinMaxScaler)FeaturePipeline.Fit(data, new PreprocessingOptions { MissingIndicators = true, MaxCategories = 3, Scaling = FeatureScaling.MinMax }).Scaler!;
        var direct = new StandardScaler();
        direct.Fit(encoded);
        var directMinMax = new MinMaxScaler();
        directMinMax.Fit(encoded);

        for (int c = 0; c < encoded.Columns; c++)
        {
            Assert.Equal(direct.Means[c], standard.Means[c], 1e-5f * Math.Max(1, Math.Abs(direct.Means[c])));
            Assert.Equal(direct.StandardDeviations[c], standard.StandardDeviations[c], 1e-5f * direct.StandardDeviations[c]);
        }

        Assert.Equal(directMinMax.Minimums, minMax.Minimums);
        Assert.Equal(directMinMax.Maximums, minMax.Maximums);
    }

    [Fact]
    public void TransformRow_IsTheSameArithmeticAsTransform()
    {
        TabularDataset data = RandomTable(seed: 4, rows: 50);
        FeaturePipeline pipeline = FeaturePipeline.Fit(data, new PreprocessingOptions { MissingIndicators = true });
        Matrix<float> raw = pipeline.Encode(data);
        Matrix<float> batch = pipeline.Transform(raw);

        for (int row = 0; row < raw.Rows; row++)
        {
            float[] one = new float[pipeline.OutputWidth];
            pipeline.TransformRow(raw.Row(row), one);
            Assert.Equal(batch.Row(row).ToArray(), one);
        }
    }

    [Fact]
    public void Encode_MatchesColumnsByNameAndCategoriesByText_AndCountsUnknownOnes()
    {
        FeaturePipeline pipeline = FeaturePipeline.Fit(Small());
        var other = TabularDataset.ForClassification("new.csv", new Matrix<float>(new float[,] { { 0, 7 }, { 1, Nan }, { 2, 3 } }), ["city", "age"], "y", [0, 0, 0], ["0"],
            columns: [FeatureColumn.Categorical("city", ["c", "a", "b"]), FeatureColumn.Numeric("age")]);

        Matrix<float> raw = pipeline.Encode(other, out var unseen);

        Assert.Equal(new float[] { 7, 2, Nan, 0, 3, 1 }, raw.Data);
        Assert.Equal(new Dictionary<string, int> { ["city"] = 1 }, unseen);
    }

    [Fact]
    public void Parse_NumericCellThatIsNotANumber_NamesTheFeature()
    {
        FeaturePipeline pipeline = FeaturePipeline.Fit(Small());

        var e = Assert.Throws<ArgumentException>(() => pipeline.Parse(new Dictionary<string, string?> { ["age"] = "old", ["city"] = "a" }, out _));
        var absent = Assert.Throws<ArgumentException>(() => pipeline.Parse(new Dictionary<string, string?> { ["city"] = "a" }, out _));

        Assert.StartsWith("The feature 'age' needs a number; got 'old'.", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("The row has no value for the feature 'age'", absent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_StepsThatDoNotChain_AreRefused()
    {
        FeaturePipeline fitted = FeaturePipeline.Fit(Small());

        var e = Assert.Throws<ArgumentException>(() => new FeaturePipeline(fitted.Columns, fitted.Imputer, null, fitted.Scaler));

        Assert.StartsWith("The preprocessing steps do not fit together: the column 'city' is categorical but the encoder has no encoding for it", e.Message, StringComparison.Ordinal);
    }

    private static float[] Transform(FeaturePipeline pipeline, float[] raw)
    {
        float[] output = new float[pipeline.OutputWidth];
        pipeline.TransformRow(raw, output);
        return output;
    }

    /// <summary>Two numeric columns (one with 30% missing) and a categorical one with 5 categories (10% missing).</summary>
    private static TabularDataset RandomTable(int seed, int rows)
    {
        var random = new Random(seed);
        var features = new Matrix<float>(rows, 3);
        for (int r = 0; r < rows; r++)
        {
            features[r, 0] = (float)(random.NextDouble() * 100 - 20);
            features[r, 1] = random.NextDouble() < 0.3 ? Nan : (float)(random.NextDouble() * 1e-3);
            features[r, 2] = random.NextDouble() < 0.1 ? Nan : random.Next(5);
        }

        return TabularDataset.ForRegression("random.csv", features, ["x", "sparse", "kind"], "y", new float[rows],
            columns: [FeatureColumn.Numeric("x"), FeatureColumn.Numeric("sparse"), FeatureColumn.Categorical("kind", ["v", "w", "x", "y", "z"])]);
    }

    [Theory]
    [InlineData(FeatureScaling.MinMax)]
    [InlineData(FeatureScaling.Standard)]
    public void Transform_WideTableWithMissingCellsAndCategories_EqualsThePerCellArithmetic(FeatureScaling scaling)
    {
        TabularDataset data = WideTable(seed: 5, rows: 120, numeric: 37);
        FeaturePipeline pipeline = FeaturePipeline.Fit(data, new PreprocessingOptions { MissingIndicators = true, Scaling = scaling });
        Matrix<float> raw = pipeline.Encode(data);
        MissingValueImputer imputer = pipeline.Imputer!;

        Matrix<float> actual = pipeline.Transform(raw);

        for (int row = 0; row < raw.Rows; row++)
        {
            // Step by step, one cell at a time: fill, indicators, one-hot, then the scaler's formula.
            float[] imputed = [.. raw.Row(row).ToArray().Select((v, c) => float.IsNaN(v) ? imputer.FillValues[c] : v),
                .. imputer.IndicatorColumns.Select(c => float.IsNaN(raw[row, c]) ? 1f : 0f)];
            float[] expected = new float[pipeline.OutputWidth];
            pipeline.Encoder!.TransformRow(imputed, expected);
            for (int c = 0; c < expected.Length; c++)
            {
                expected[c] = pipeline.Scaler switch
                {
                    MinMaxScaler m => (float)((expected[c] - (double)m.Minimums[c]) / ((double)m.Maximums[c] - m.Minimums[c] is var range && range != 0 ? range : 1)),
                    StandardScaler s => (expected[c] - s.Means[c]) / s.StandardDeviations[c],
                    _ => expected[c],
                };
            }

            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Row(row).ToArray().Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void EncodeForReading_NumbersInPlace_AreTheDataItself_OtherwiseAsEncode()
    {
        TabularDataset numeric = TabularDataset.ForRegression("n.csv", new Matrix<float>(new float[,] { { 1, Nan }, { 3, 4 } }), ["a", "b"], "y", [0, 0]);
        TabularDataset mixed = WideTable(seed: 6, rows: 30, numeric: 5);
        FeaturePipeline numbers = FeaturePipeline.Fit(numeric), categories = FeaturePipeline.Fit(mixed);

        Assert.Same(numeric.Features, numbers.EncodeForReading(numeric));
        Assert.NotSame(numeric.Features, numbers.Encode(numeric));
        Assert.Equal(numbers.Encode(numeric).Data, numbers.EncodeForReading(numeric).Data);
        Assert.Equal(categories.Encode(mixed).Data, categories.EncodeForReading(mixed).Data);
    }

    /// <summary><paramref name="numeric"/> numeric columns (signed zeros, repeats, 20% missing), then two categorical ones
    /// (one with missing cells).</summary>
    private static TabularDataset WideTable(int seed, int rows, int numeric)
    {
        var random = new Random(seed);
        var features = new Matrix<float>(rows, numeric + 2);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < numeric; c++)
            {
                double u = random.NextDouble();
                features[r, c] = u < 0.2 ? Nan : u < 0.3 ? -0f : u < 0.5 ? random.Next(3) : (float)(random.NextDouble() * 50 - 10);
            }

            features[r, numeric] = random.Next(4);
            features[r, numeric + 1] = random.NextDouble() < 0.2 ? Nan : random.Next(3);
        }

        FeatureColumn[] columns = [.. Enumerable.Range(0, numeric).Select(c => FeatureColumn.Numeric($"n{c}")),
            FeatureColumn.Categorical("colour", ["red", "green", "blue", "grey"]), FeatureColumn.Categorical("size", ["s", "m", "l"])];
        return TabularDataset.ForRegression("wide.csv", features, [.. columns.Select(c => c.Name)], "y", new float[rows], columns: columns);
    }
}
