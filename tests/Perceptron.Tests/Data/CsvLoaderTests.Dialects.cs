using System.Text;
using Perceptron.Data;
using static Perceptron.Tests.Data.DataTestFiles;

namespace Perceptron.Tests.Data;

/// <summary>The dialect options and what the loader recognises on its own: counts lines, missing headers, comments, gzip.</summary>
public partial class CsvLoaderTests
{
    [Fact]
    public void Load_CountsLineWithClassNames_IsSkippedAndNamesTheClasses()
    {
        TabularDataset data = Csv("3,2,cat,dog\n1,2,0\n3,4,1\n5,6,0\n");

        Assert.Equal(["x0", "x1"], data.FeatureNames);
        Assert.Equal(["cat", "dog"], data.ClassNames);
        Assert.Equal([0, 1, 0], data.Labels!);
        Assert.Equal("line 1 is a scikit-learn counts line (3 rows, 2 features) and names the classes cat, dog: skipped", data.Notes[0]);
    }

    [Fact]
    public void Load_CountsLinePaddedWithEmptyFields_IsSkippedBeforeTheHeader()
    {
        TabularDataset data = Csv("2,2,,\n\"a\",\"b\",\"price\"\n1,2,3.5\n3,4,5.5\n");

        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal(TaskKind.Regression, data.Task);
        Assert.Equal([3.5f, 5.5f], data.Targets!);
    }

    [Theory]
    [InlineData("1,2,y\n3,4,y\n")]        // a first row that is data but not all numbers: read as a header
    [InlineData("2,2\n5,6\n7,8\n")]       // two numbers, but the next line does not have 3 fields
    public void Load_FirstLineThatOnlyLooksLikeCounts_IsNotSkipped(string text)
    {
        TabularDataset data = Csv(text);

        Assert.DoesNotContain(data.Notes, note => note.Contains("counts line", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_FirstRowOfNumbers_MeansNoHeader()
    {
        TabularDataset data = Csv("5.1,3.5,0\n4.9,3.0,1\n");

        Assert.Equal(["x0", "x1"], data.FeatureNames);
        Assert.Equal("x2", data.TargetName);
        Assert.Equal(2, data.Rows);
        Assert.StartsWith("the first row holds only numbers, so the file has no header", data.Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HeaderOfColumnNumbers_StaysAHeader()
    {
        TabularDataset data = Csv("0,1,2\n5,6,0\n7,8,1\n");

        Assert.Equal(["0", "1"], data.FeatureNames);
        Assert.Equal(2, data.Rows);
        Assert.Contains(data.Notes, note => note.EndsWith("if the first row is data, pass --no-header", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_NoHeaderOption_ReadsTheFirstRowAsDataAndTakesTheTargetByIndexOrName()
    {
        TabularDataset byIndex = Csv("a,1,x\nb,2,y\n", new CsvLoadOptions { HasHeader = false, TargetIndex = 1 });
        TabularDataset byName = Csv("a,1,x\nb,2,y\n", new CsvLoadOptions { HasHeader = false, TargetName = "x1" });

        Assert.Equal(["x0", "x2"], byIndex.FeatureNames);
        Assert.Equal((2, "x1"), (byIndex.Rows, byIndex.TargetName));
        Assert.Equal(byIndex.Labels!, byName.Labels!);
        Assert.Empty(byIndex.Notes);
    }

    [Fact]
    public void Load_SkipRowsAndComments_CountLinesForLaterErrors()
    {
        const string Text = "exported 2025-01-01\nby tool\n# a comment\na,b,y\n1,2,x\n  # another\n3,4,y\n5,6,x\n7,oops,y\n8,9,x\n";

        DataFormatException e = CsvError(Text, new CsvLoadOptions { SkipRows = 2, Comment = '#' });

        Assert.Equal(9, e.Row);
        Assert.Equal(5, Csv(Text.Replace("oops", "10", StringComparison.Ordinal), new CsvLoadOptions { SkipRows = 2, Comment = '#' }).Rows);
    }

    [Fact]
    public void Load_HashLinesBeforeTheHeader_AreSkippedWithANote_ButNotLaterOnes()
    {
        TabularDataset data = Csv("# from the logger\n#\na,colour,y\n1,#ff0000,x\n2,#00ff00,y\n");

        Assert.Equal(["a", "colour"], data.FeatureNames);
        Assert.Equal(2, data.Rows);
        Assert.Equal("skipped 2 lines starting with '#' before the first row (--comment '#' skips such lines anywhere)", data.Notes[0]);
    }

    [Fact]
    public void Load_DecimalComma_ReadsNumbersAndDetectsTheSemicolon()
    {
        TabularDataset data = Csv("a;b;y\n1,5;-2,25;x\n3;4e-1;y\n", new CsvLoadOptions { DecimalSeparator = ',' });

        Assert.Equal([1.5f, -2.25f, 3f, 0.4f], data.Features.Data);
    }

    [Fact]
    public void Load_DecimalComma_RefusesAPointAsTheDecimal()
    {
        DataFormatException e = CsvError("a;b;y\n1,5;2;x\n3;4;y\n5;6.5;x\n", new CsvLoadOptions { DecimalSeparator = ',' });

        Assert.Contains("line 4, column 'b' (index 1): expected a number, found '6.5'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SingleQuote_QuotesFieldsHoldingTheDelimiter()
    {
        TabularDataset data = Csv("name,n,y\n'Smith, J.',1,x\n'O''Brien',2,y\n", new CsvLoadOptions { Quote = '\'' });

        Assert.Equal(["Smith, J.", "O'Brien"], data.Columns[0].Categories);
    }

    [Theory]
    [InlineData("a|b|y\n1|2|x\n3|4|y\n", null)]
    [InlineData("a|b|y\n1|2|x\n3|4|y\n", '|')]
    [InlineData("a\tb\ty\n1\t2\tx\n3\t4\ty\n", '\t')]
    public void Load_PipeAndTab_AreDetectedOrGiven(string text, char? delimiter)
    {
        TabularDataset data = Csv(text, new CsvLoadOptions { Delimiter = delimiter });

        Assert.Equal([1f, 2f, 3f, 4f], data.Features.Data);
    }

    [Fact]
    public void Load_Gzip_IsRecognisedByItsBytes()
    {
        TabularDataset data = Csv(Gzip(Encoding.UTF8.GetBytes("a,b,y\n1,2,x\n3,4,y\n")));

        Assert.Equal([1f, 2f, 3f, 4f], data.Features.Data);
    }

    [Fact]
    public void Load_CorruptGzip_IsADataError()
    {
        var random = new Random(1);
        byte[] gzip = Gzip(Encoding.UTF8.GetBytes("a,b,y\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"{random.Next()},{random.Next()},{i % 2}\n"))));

        DataFormatException truncated = Assert.Throws<DataFormatException>(() => Csv(gzip[..(gzip.Length / 2)]));
        DataFormatException atALineEnd = Assert.Throws<DataFormatException>(() => Csv([.. gzip[..^8], .. new byte[8]]));

        Assert.StartsWith("test.csv: the gzip data is", truncated.Message, StringComparison.Ordinal);
        Assert.StartsWith("test.csv: the gzip data is", atALineEnd.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ShortRows_HaveEmptyTrailingCellsAndTrailingDelimitersAreIgnored()
    {
        TabularDataset data = Csv("y,a,b,c\nx,1,2,3\ny,4\nx,5,6,7,,\ny,8,9,10\n", new CsvLoadOptions { TargetName = "y" });

        Assert.Equal([1f, 2f, 3f, 4f, float.NaN, float.NaN, 5f, 6f, 7f, 8f, 9f, 10f], data.Features.Data);
        Assert.Contains("1 row had fewer fields than the header; their missing trailing fields were read as empty cells", data.Notes);
    }

    [Fact]
    public void Load_TrailingDelimiterInTheHeader_IsNotAColumn()
    {
        TabularDataset data = Csv("\"a\",\"b\",\"y\",\r\n1,2,x,\r\n3,4,y,\r\n");

        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal("y", data.TargetName);
    }

    [Fact]
    public void Load_MissingValueMarkers_AreConfigurable()
    {
        TabularDataset defaults = Csv("a,b,y\nNA,?,x\n-999,null,y\n3,4,x\n");
        TabularDataset custom = Csv("a,b,y\nNA,-999,x\n-999,2,y\n3,4,x\n", new CsvLoadOptions { MissingValues = ["-999"] });

        Assert.Equal([float.NaN, float.NaN, -999f, float.NaN, 3f, 4f], defaults.Features.Data);
        Assert.Equal(ColumnKind.Categorical, custom.Columns[0].Kind);
        Assert.Equal(["NA", "3"], custom.Columns[0].Categories);
        Assert.Equal([float.NaN, 2f, 4f], Enumerable.Range(0, 3).Select(r => custom.Features[r, 1]));
    }
}
