using System.Text;
using Perceptron.Data;
using static Perceptron.Tests.Data.DataTestFiles;

namespace Perceptron.Tests.Data;

/// <summary>Every CSV error path, with its whole message: the file, the line, the column and what is wrong.</summary>
public partial class CsvLoaderTests
{
    [Theory]
    [InlineData("a,b,y\n1,2,x\n-Infinity,2,x\n", 3, 0, "'-Infinity' is not a finite number (NaN, infinity or beyond ±1.8e308)")]
    [InlineData("a,b,y\n1,3,x\n1,1e309,x\n", 3, 1, "'1e309' is not a finite number (NaN, infinity or beyond ±1.8e308)")]
    [InlineData("a,b,y\n1,3,x\n1,1e39,x\n", 3, 1, "'1e39' is outside the float range (about ±3.4e38)")]
    public void Load_BadFeatureCell_NamesLineColumnAndProblem(string text, int line, int column, string problem)
    {
        DataFormatException e = CsvError(text);

        string name = column == 0 ? "a" : "b";
        Assert.Equal($"test.csv, line {line}, column '{name}' (index {column}): {problem}; fix the cell, or use --drop-invalid-rows", e.Message);
        Assert.Equal(("test.csv", line, column, name), (e.FilePath, e.Row, e.Column, e.ColumnName));
    }

    [Fact]
    public void Load_TextInAColumnOfNumbers_NamesTheCellAndTheOptions()
    {
        DataFormatException e = CsvError("a,b,y\n1,2,x\n1,3,x\n1,two,y\n");

        Assert.Equal("test.csv, line 4, column 'b' (index 1): expected a number, found 'two' (the column holds numbers in 2 of 3 rows); " +
            "fix the cell, or use --drop-invalid-rows, or --categorical b if the column holds categories", e.Message);
    }

    [Fact]
    public void Load_DecimalCommas_AskForTheDecimalOption()
    {
        DataFormatException e = CsvError("a;b;y\n1;\"1,5\";x\n2;2,25;y\n");

        Assert.Equal("test.csv, line 2, column 'b' (index 1): the column holds numbers with a decimal comma ('1,5'); pass --decimal ',' (and --delimiter if the fields are not separated by ';')", e.Message);
    }

    [Fact]
    public void Load_FractionalLabelForcedToClassification_IsAnErrorNamingTheRow()
    {
        DataFormatException e = CsvError("a,y\n1,0\n2,1\n3,1.5\n", new CsvLoadOptions { Task = TaskKind.Classification });

        Assert.Equal("test.csv, line 4, column 'y' (index 1): '1.5' is not a whole number, but a classification target holds class labels (whole numbers or text); use --task regression if the target is a measurement", e.Message);
        Assert.Throws<DataFormatException>(() => Csv("a,y\n1,0\n2,1\n3,1.5\n", new CsvLoadOptions { Task = TaskKind.Classification, DropInvalidRows = true }));
    }

    [Theory]
    [InlineData("a,y\n1,2\n1,NaN\n5,3\n", 2)]
    [InlineData("a,y\n1,2\n1,\n5,3\n", 2)]
    [InlineData("a,y\n1,2\n1,?\n5,NA\n6,3\n", 2)]
    public void Load_MissingTarget_LeavesTheRowOutAndCountsIt(string text, int rows)
    {
        TabularDataset data = Csv(text);

        Assert.Equal(rows, data.Rows);
        Assert.Equal(text.Split('\n').Length - 2 - rows, data.RowsWithoutTarget);
        Assert.Contains(data.Notes, note => note.StartsWith("left out ", StringComparison.Ordinal) && note.Contains("whose target 'y' is empty or marked missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_OutOfRangeTarget_IsAnError()
    {
        DataFormatException e = CsvError("a,y\n1,1e39\n");

        Assert.Equal("test.csv, line 2, column 'y' (index 1): '1e39' is outside the float range (about ±3.4e38); fix the cell or use --drop-invalid-rows", e.Message);
    }

    [Fact]
    public void Load_TextTargetForcedToRegression_IsAnError()
    {
        DataFormatException e = CsvError("a,y\n1,2\n3,cat\n", new CsvLoadOptions { Task = TaskKind.Regression });

        Assert.Equal("test.csv, line 3, column 'y' (index 1): expected a number for a regression target, found 'cat'; fix the cell or use --drop-invalid-rows", e.Message);
    }

    [Theory]
    [InlineData("a,b,y\n1,2,x\n\"4\",5,6,y\n", "test.csv, line 3: the row has 4 fields but the header has 3; every row needs one field per header column (check the quotes and the delimiter: --quote, --delimiter)")]
    public void Load_LongRow_NamesTheLineAndTheCounts(string text, string message)
    {
        Assert.Equal(message, CsvError(text).Message);
        Assert.Equal(message, CsvError(text, new CsvLoadOptions { DropInvalidRows = true }).Message);
    }

    [Theory]
    [InlineData("", "test.csv: the file has no header and no data: it is empty or holds only blank or comment lines")]
    [InlineData("\n\r\n\n", "test.csv: the file has no header and no data: it is empty or holds only blank or comment lines")]
    [InlineData("  \n\t\n \r\n", "test.csv: the file has no header and no data: it is empty or holds only blank or comment lines")]
    [InlineData("a,b,y\n", "test.csv: the file has a header but no data rows")]
    [InlineData("a,b,y\n\n  \n", "test.csv: the file has a header but no data rows")]
    [InlineData("a,b,a,y\n1,2,3,x\n", "test.csv, line 1, column 'a' (index 2): the header name 'a' is also used by column 0; names must be unique (a file without a header needs --no-header)")]
    [InlineData(",a,y\n0,1,x\n", "test.csv, line 1, column index 0: the header name is empty; every column needs a name (an unnamed first column is often a saved row index: remove it; a file without a header needs --no-header)")]
    [InlineData("a b y\n1 2 x\n", "test.csv, line 1: the header has one column ('a b y') but at least two are needed, a feature and a target; if the file uses another delimiter than ',', pass --delimiter")]
    [InlineData("a,b,y\n1,\"2,x\n3,4,y\n", "test.csv, line 2, column 'b' (index 1): a quoted field opened on line 2 is never closed (the text ends inside it)")]
    [InlineData("a,b,y\n1,\"2\"3,x\n", "test.csv, line 2, column 'b' (index 1): unexpected '3' after the closing quote of a quoted field; inside quotes write a quote as \"\"")]
    public void Load_MalformedText_GivesTheDocumentedMessage(string text, string message)
    {
        Assert.Equal(message, CsvError(text).Message);
    }

    [Fact]
    public void Load_AllRowsDropped_SaysSo()
    {
        DataFormatException e = CsvError("a,y\n1e39,1\n,2\n", new CsvLoadOptions { DropInvalidRows = true });

        Assert.Equal("test.csv: all 2 data rows were dropped as invalid or without a target ('a' in 2 rows); nothing is left to load", e.Message);
        Assert.Equal("test.csv: all 2 data rows were dropped as invalid or without a target ('a' in 1 row, 1 row without a target); nothing is left to load",
            CsvError("a,y\n1e39,1\n2,\n", new CsvLoadOptions { DropInvalidRows = true }).Message);
    }

    [Fact]
    public void Load_TargetNameNotInHeader_ListsTheColumns()
    {
        DataFormatException e = CsvError("a,b,y\n1,2,3\n", new CsvLoadOptions { TargetName = "species" });

        Assert.Equal("test.csv: the target column 'species' is not in the header; the columns are 'a', 'b', 'y'", e.Message);
    }

    [Fact]
    public void Load_TargetIndexPastTheEnd_GivesTheRange()
    {
        DataFormatException e = CsvError("a,b,y\n1,2,3\n", new CsvLoadOptions { TargetIndex = 3 });

        Assert.Equal("test.csv: the target index 3 is past the last column (the file has 3 columns, indices 0..2)", e.Message);
    }

    [Fact]
    public void Load_Utf16WithoutBom_IsReportedAsBinary()
    {
        DataFormatException e = Assert.Throws<DataFormatException>(() => Csv(Encoding.Unicode.GetBytes("a,b,y\n1,2,x\n")));

        Assert.Equal("test.csv, line 1, column index 0: the text contains a NUL character: it looks binary, not CSV text (UTF-16 text needs a byte-order mark)", e.Message);
    }

    [Fact]
    public void Load_NulInACell_NamesItsRealLineAndColumn()
    {
        DataFormatException e = CsvError("x0,x1,x2,x3,y\n1,2,3,4,a\n1,2,3,4,b\n1,2,3,4,a\n1,2,3,4\0,b\n");

        Assert.Equal("test.csv, line 5, column 'x3' (index 3): the text contains a NUL character: it looks binary, not CSV text (UTF-16 text needs a byte-order mark)", e.Message);
        Assert.Equal((5L, 3), (e.Row, e.Column));
    }

    [Fact]
    public void Load_NulInAQuotedMultiLineCell_NamesTheLineItIsOn()
    {
        DataFormatException e = CsvError("a,y\n1,\"x\nline 3\0\"\n");

        Assert.Equal((3L, 1), (e.Row, e.Column));
    }

    [Fact]
    public void Load_InvalidUtf8_IsReported()
    {
        DataFormatException e = Assert.Throws<DataFormatException>(() => Csv([.. "a,y\n1,"u8, 0xFF, 0xFE, .. "x\n"u8]));

        Assert.StartsWith("test.csv: the text is not valid UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TooManyColumns_IsRefusedAtTheLimit()
    {
        DataFormatException e = CsvError("a,b,c,y\n1,2,3,4\n", new CsvLoadOptions { MaxColumns = 3 });

        Assert.Equal("test.csv, line 1: the record has more than 3 columns, the limit; check the delimiter (--delimiter)", e.Message);
    }

    [Fact]
    public void Load_TooManyCells_IsRefusedAtTheLimit()
    {
        DataFormatException e = CsvError("a,b,y\n1,2,3\n4,5,6\n", new CsvLoadOptions { MaxCells = 3 });

        Assert.Equal("test.csv, line 3: the data exceeds 3 feature cells, the limit; keep fewer columns (--features, --ignore) or rows", e.Message);
    }

    [Fact]
    public void Load_HugeField_IsRefused()
    {
        DataFormatException e = CsvError("a,y\n" + new string('1', 70_000) + ",x\n");

        Assert.Equal("test.csv, line 2, column 'a' (index 0): a field is longer than 65,536 characters; no numeric cell, name or class label needs that much (is a quote unbalanced?)", e.Message);
    }

    [Fact]
    public void Load_100kColumns_LoadsAndOneMoreIsRefused()
    {
        TabularDataset wide = Csv(WideCsv(100_000));
        DataFormatException e = CsvError(WideCsv(100_001));

        Assert.Equal((2, 99_999), (wide.Rows, wide.Features.Columns));
        Assert.Equal("f99998", wide.FeatureNames[^1]);
        Assert.Equal("test.csv, line 1: the record has more than 100,000 columns, the limit; check the delimiter (--delimiter)", e.Message);
    }

    [Fact]
    public void Load_ContradictoryOrOutOfRangeOptions_AreArgumentErrors()
    {
        Assert.ThrowsAny<ArgumentException>(() => Csv("a,y\n1,2\n", new CsvLoadOptions { TargetName = "y", TargetIndex = 1 }));
        Assert.ThrowsAny<ArgumentException>(() => Csv("a,y\n1,2\n", new CsvLoadOptions { TargetIndex = -1 }));
        Assert.ThrowsAny<ArgumentException>(() => Csv("a,y\n1,2\n", new CsvLoadOptions { Delimiter = 'a' }));
        Assert.ThrowsAny<ArgumentException>(() => Csv("a,y\n1,2\n", new CsvLoadOptions { Delimiter = ',', DecimalSeparator = ',' }));
        Assert.ThrowsAny<ArgumentException>(() => Csv("a,y\n1,2\n", new CsvLoadOptions { Quote = ';', Delimiter = ';' }));
        Assert.ThrowsAny<ArgumentException>(() => Csv("a,y\n1,2\n", new CsvLoadOptions { SkipRows = -1 }));
        Assert.ThrowsAny<ArgumentException>(() => Csv("a,y\n1,2\n", new CsvLoadOptions { Categorical = ["a"], Numeric = ["a"] }));
        Assert.ThrowsAny<ArgumentException>(() => Csv("a,y\n1,2\n", new CsvLoadOptions { MaxColumns = 0 }));
    }

    [Fact]
    public void Load_MissingFile_IsAnIoError()
    {
        Assert.Throws<FileNotFoundException>(() => CsvLoader.Load(Path.Combine(AppContext.BaseDirectory, "no-such-file.csv")));
    }

    /// <summary>A header of columns − 1 features f0.. plus "y", then two rows of small numbers.</summary>
    private static string WideCsv(int columns)
    {
        var text = new StringBuilder(columns * 16);
        text.AppendJoin(',', Enumerable.Range(0, columns - 1).Select(i => "f" + i)).Append(",y\n");
        for (int row = 0; row < 2; row++)
        {
            text.AppendJoin(',', Enumerable.Repeat(row, columns)).Append('\n');
        }

        return text.ToString();
    }
}
