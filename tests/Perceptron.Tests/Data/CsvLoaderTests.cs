using System.Text;
using Perceptron.Data;
using static Perceptron.Tests.Data.DataTestFiles;

namespace Perceptron.Tests.Data;

public partial class CsvLoaderTests
{
    [Theory]
    [InlineData("a,b,label\n1,2,x\n3,4,y\n")]
    [InlineData("a;b;label\n1;2;x\n3;4;y\n")]
    [InlineData("a\tb\tlabel\n1\t2\tx\n3\t4\ty\n")]
    [InlineData("a,b,label\r\n1,2,x\r\n3,4,y\r\n")]
    [InlineData("a,b,label\r1,2,x\r3,4,y")]
    [InlineData("\n\na,b,label\n\n1,2,x\n\n3,4,y")]
    [InlineData("\r\n\r\na;b;label\r\n1;2;x\r\n3;4;y\r\n")]
    public void Load_DelimitersAndLineEnds_GiveTheSameTable(string text)
    {
        TabularDataset data = Csv(text);

        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal("label", data.TargetName);
        Assert.Equal([1f, 2f, 3f, 4f], data.Features.Data);
        Assert.Equal(TaskKind.Classification, data.Task);
        Assert.Equal(["x", "y"], data.ClassNames);
        Assert.Equal([0, 1], data.Labels!);
        Assert.Equal("test.csv", data.Source);
    }

    [Fact]
    public void Load_DelimiterOption_OverridesDetection()
    {
        // Detection would see one of each and pick ','; the option says ';'.
        TabularDataset data = Csv("a,x;label\n1.5;x\n", new CsvLoadOptions { Delimiter = ';' });

        Assert.Equal(["a,x"], data.FeatureNames);
        Assert.Equal(["x"], data.ClassNames);
    }

    [Fact]
    public void Load_WrongDelimiterOption_SaysHowToFixIt()
    {
        DataFormatException e = CsvError("a;b\n1;2\n", new CsvLoadOptions { Delimiter = ',' });

        Assert.Equal("test.csv, line 1: the header has one column ('a;b') but at least two are needed, a feature and a target; " +
            "if the file uses another delimiter than ',', pass --delimiter", e.Message);
    }

    [Fact]
    public void Load_QuotedFields_UnquoteDelimitersNewlinesAndDoubledQuotes()
    {
        TabularDataset data = Csv("\"a, first\",\"b \"\"q\"\"\",label\n\"1\",\"2\",\"two\nlines\"\n3,4,\"say \"\"hi\"\"\"\n");

        Assert.Equal(["a, first", "b \"q\""], data.FeatureNames);
        Assert.Equal(["say \"hi\"", "two\nlines"], data.ClassNames);
        Assert.Equal([1, 0], data.Labels!);
    }

    [Fact]
    public void Load_QuotedNewline_CountsLinesForLaterErrors()
    {
        DataFormatException e = CsvError("a,b,label\n1,2,\"x\ny\"\n5,6,x\n3,oops,z\n");

        Assert.Equal(5, e.Row);
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, "utf-8")]
    [InlineData(new byte[] { 0xFF, 0xFE }, "utf-16LE")]
    [InlineData(new byte[] { 0xFE, 0xFF }, "utf-16BE")]
    public void Load_ByteOrderMark_IsHonouredAndNotPartOfTheFirstName(byte[] bom, string encoding)
    {
        byte[] text = Encoding.GetEncoding(encoding).GetBytes("alpha,beta,label\r\n1,2,x\r\n");

        TabularDataset data = Csv([.. bom, .. text]);

        Assert.Equal(["alpha", "beta"], data.FeatureNames);
        Assert.Equal([1f, 2f], data.Features.Data);
    }

    [Fact]
    public void Load_TargetByName_MovesOtherColumnsToFeatures()
    {
        TabularDataset data = Csv("species,a,b\nx,1,2\ny,3,4\n", new CsvLoadOptions { TargetName = "species" });

        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal("species", data.TargetName);
        Assert.Equal([1f, 2f, 3f, 4f], data.Features.Data);
    }

    [Fact]
    public void Load_TargetByIndex_UsesThatColumn()
    {
        TabularDataset data = Csv("a,t,b\n1,0.5,2\n3,1.5,4\n", new CsvLoadOptions { TargetIndex = 1 });

        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal(TaskKind.Regression, data.Task);
        Assert.Equal([0.5f, 1.5f], data.Targets!);
        Assert.Null(data.Labels!);
    }

    [Fact]
    public void Load_IntegerTargetWithFewValues_IsClassificationSortedNumerically()
    {
        // 3 distinct integers over 60 rows: ≤ 20 values and ≥ 20 rows per value.
        var text = new StringBuilder("a,y\n");
        for (int i = 0; i < 60; i++)
        {
            text.Append(i).Append(',').Append(new[] { 10, 2, -1 }[i % 3]).Append('\n');
        }

        TabularDataset data = Csv(text.ToString());

        Assert.Equal(TaskKind.Classification, data.Task);
        Assert.Equal(["-1", "2", "10"], data.ClassNames);
        Assert.Equal([2, 1, 0], data.Labels![..3]);
    }

    [Fact]
    public void Load_IntegerTargetWithTooFewRowsPerValue_IsRegression()
    {
        TabularDataset data = Csv("a,y\n1,1\n2,2\n3,3\n4,1\n");

        Assert.Equal(TaskKind.Regression, data.Task);
    }

    [Fact]
    public void Load_BinaryIntegerTarget_IsClassificationEvenWhenSmall()
    {
        TabularDataset data = Csv("a,y\n1,0\n2,1\n3,1.0\n");

        Assert.Equal(TaskKind.Classification, data.Task);
        Assert.Equal(["0", "1"], data.ClassNames);
        Assert.Equal([0, 1, 1], data.Labels!);
    }

    [Fact]
    public void Load_StringTarget_ClassNamesInOrdinalOrder()
    {
        TabularDataset data = Csv("a,y\n1,b\n2,B\n3,a\n4, b \n");

        Assert.Equal(["B", "a", "b"], data.ClassNames);
        Assert.Equal([2, 0, 1, 2], data.Labels!);
    }

    [Fact]
    public void Load_TaskOverride_ForcesTheTask()
    {
        TabularDataset regression = Csv("a,y\n1,0\n2,1\n", new CsvLoadOptions { Task = TaskKind.Regression });
        TabularDataset classification = Csv("a,y\n1,5\n2,25\n3,5\n4,1\n", new CsvLoadOptions { Task = TaskKind.Classification });

        Assert.Equal([0f, 1f], regression.Targets!);
        Assert.Equal(["1", "5", "25"], classification.ClassNames);
        Assert.Equal([1, 2, 1, 0], classification.Labels!);
    }

    [Fact]
    public void Load_DropInvalidRows_SkipsAndCountsThem()
    {
        var options = new CsvLoadOptions { DropInvalidRows = true };

        TabularDataset data = Csv("a,b,y\n1,2,x\n,3,x\n4,NaN,y\n5,1e39,y\n6,7,\n8,9,y\n", options);

        Assert.Equal(3, data.DroppedRows);
        Assert.Equal(1, data.RowsWithoutTarget);
        Assert.Equal([1f, 2f, 8f, 9f], data.Features.Data);
        Assert.Equal(["x", "y"], data.ClassNames);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, data.DroppedRowsByColumn);
        Assert.Contains("dropped 3 rows with missing or invalid cells (--drop-invalid-rows): 'b' in 2 rows, 'a' in 1 row", data.Notes);
    }

    [Fact]
    public void Load_FloatLimits_AreAcceptedAndUnderflowIsZero()
    {
        TabularDataset data = Csv("a,b,y\n3.4e38,-3.4e38,1\n1e-50,-0,2\n 7 ,\t8\t,3\n");

        Assert.Equal([3.4e38f, -3.4e38f, 0f, -0f, 7f, 8f], data.Features.Data);
    }

    [Fact]
    public void Load_RealFiles_HaveTheExpectedShapesAndTasks()
    {
        TabularDataset cancer = CsvLoader.Load(DataFile("breast_cancer.csv"));
        TabularDataset diabetes = CsvLoader.Load(DataFile("diabetes.csv"));
        TabularDataset wine = CsvLoader.Load(DataFile("wine.csv"));

        Assert.Equal((569, 30, TaskKind.Classification), (cancer.Rows, cancer.Features.Columns, cancer.Task));
        Assert.Equal(["benign", "malignant"], cancer.ClassNames);
        Assert.Equal((442, 10, TaskKind.Regression), (diabetes.Rows, diabetes.Features.Columns, diabetes.Task));
        Assert.Equal("progression", diabetes.TargetName);
        Assert.Equal((178, 13, TaskKind.Classification), (wine.Rows, wine.Features.Columns, wine.Task));
        Assert.Equal(["class_0", "class_1", "class_2"], wine.ClassNames);
        Assert.Equal("wine.csv", wine.Source);
    }

    [Fact]
    public void LoadFeatures_ReordersColumnsToTheModelsOrder()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("b,a\n2,1\n4,3\n"));

        FeatureRows rows = CsvLoader.LoadFeatures(stream, "new.csv", [FeatureColumn.Numeric("a"), FeatureColumn.Numeric("b")]);

        Assert.Equal([1f, 2f, 3f, 4f], rows.Features.Data);
        Assert.Empty(rows.ExtraColumns);
    }

    [Fact]
    public void LoadFeatures_MissingColumn_IsNamedAndExtraColumnsAreListed()
    {
        var missing = Assert.Throws<DataFormatException>(() => CsvLoader.LoadFeatures(Stream("a,c,label\n1,2,x\n"), "new.csv", [FeatureColumn.Numeric("a"), FeatureColumn.Numeric("b")]));
        FeatureRows rows = CsvLoader.LoadFeatures(Stream("a,c,label,b\n1,2,x,3\n"), "new.csv", [FeatureColumn.Numeric("a"), FeatureColumn.Numeric("b")], new CsvLoadOptions { Ignore = ["label"] });

        Assert.Equal("new.csv: the model's feature 'b' is not in the file; its columns are 'a', 'c', 'label'", missing.Message);
        Assert.Equal(["c"], rows.ExtraColumns);
        Assert.Equal([1f, 3f], rows.Features.Data);
    }

    [Fact]
    public void LoadFeatures_BadCell_NamesRowAndColumn()
    {
        var e = Assert.Throws<DataFormatException>(() => CsvLoader.LoadFeatures(Stream("a,b\n1,2\n3,x\n"), "new.csv", [FeatureColumn.Numeric("a"), FeatureColumn.Numeric("b")]));

        Assert.Equal("new.csv, line 3, column 'b' (index 1): expected a number, found 'x' (the model reads this column as numbers); fix the cell or leave it empty to impute it", e.Message);
    }

    [Fact]
    public void LoadFeatures_CategoriesMissingCellsAndKeptColumns_AreReadInTheSchema()
    {
        FeatureColumn[] schema = [FeatureColumn.Numeric("age"), FeatureColumn.Categorical("city", ["Lyon", "Paris", "1"])];

        FeatureRows rows = CsvLoader.LoadFeatures(Stream("id,city,age\n7,Paris,41\n8,Nice,NA\n9,,3\n10,1.0,5\n11,Brest,6\n12,Nice"), "new.csv", schema, keep: ["id"]);

        Assert.Equal([41f, 1f, float.NaN, 3f, 3f, float.NaN, 5f, 2f, 6f, 3f, float.NaN, 3f], rows.Features.Data);
        Assert.Equal(new Dictionary<string, int> { ["city"] = 3 }, rows.UnseenCells);
        Assert.Equal(["Nice", "Brest"], rows.UnseenExamples["city"]);
        Assert.Equal(["id"], rows.KeptNames);
        Assert.Equal(["7", "8", "9", "10", "11", "12"], rows.KeptValues.Select(r => r[0]));
        Assert.Contains(rows.Notes, n => n.StartsWith("1 row had fewer fields than the header", StringComparison.Ordinal));
        Assert.Equal(3, rows.MissingCells);
    }

    [Fact]
    public void LoadFeatures_DropInvalidRows_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => CsvLoader.LoadFeatures(Stream("a\n1\n"), "new.csv", [FeatureColumn.Numeric("a")], new CsvLoadOptions { DropInvalidRows = true }));
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
