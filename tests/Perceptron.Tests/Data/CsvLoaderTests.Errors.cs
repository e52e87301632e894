using System.Text;
using Perceptron.Data;
using static Perceptron.Tests.Data.DataTestFiles;

namespace Perceptron.Tests.Data;

/// <summary>Every CSV error path, with its whole message: the file, the line, the column and what is wrong.</summary>
public partial class CsvLoaderTests
{
    [Theory]
    [InlineData("a,b,y\n1,,x\n", 2, 1, "missing value (empty cell)")]
    [InlineData("a,b,y\n1,two,x\n", 2, 1, "expected a number, found 'two'")]
    [InlineData("a,b,y\n1,2,x\n3,NaN,y\n", 3, 1, "'NaN' is not a finite number (NaN, infinity or beyond ±1.8e308)")]
    [InlineData("a,b,y\n-Infinity,2,x\n", 2, 0, "'-Infinity' is not a finite number (NaN, infinity or beyond ±1.8e308)")]
    [InlineData("a,b,y\n1,1e309,x\n", 2, 1, "'1e309' is not a finite number (NaN, infinity or beyond ±1.8e308)")]
    [InlineData("a,b,y\n1,1e39,x\n", 2, 1, "'1e39' is outside the float range (about ±3.4e38)")]
    [InlineData("a;b;y\n1;\"1,5\";x\n", 2, 1, "expected a number, found '1,5'")]
    public void Load_BadFeatureCell_NamesLineColumnAndProblem(string text, int line, int column, string problem)
    {
        DataFormatException e = CsvError(text);

        string name = column == 0 ? "a" : "b";
        Assert.Equal($"test.csv, line {line}, column '{name}' (index {column}): {problem}; fix the cell or set CsvLoadOptions.DropInvalidRows", e.Message);
        Assert.Equal(("test.csv", line, column, name), (e.FilePath, e.Row, e.Column, e.ColumnName));
    }

    [Theory]
    [InlineData("a,y\n1,\n", "missing target value (empty cell)")]
    [InlineData("a,y\n1,2\n1,NaN\n", "'NaN' is not a finite number (NaN, infinity or beyond ±1.8e308)")]
    [InlineData("a,y\n1,1e39\n", "'1e39' is outside the float range (about ±3.4e38)")]
    public void Load_BadTargetCell_NamesTheTargetColumn(string text, string problem)
    {
        DataFormatException e = CsvError(text);

        Assert.EndsWith($", column 'y' (index 1): {problem}; fix the cell or set CsvLoadOptions.DropInvalidRows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TextTargetForcedToRegression_IsAnError()
    {
        DataFormatException e = CsvError("a,y\n1,2\n3,cat\n", new CsvLoadOptions { Task = TaskKind.Regression });

        Assert.Equal("test.csv, line 3, column 'y' (index 1): expected a number for a regression target, found 'cat'; fix the cell or set CsvLoadOptions.DropInvalidRows", e.Message);
    }

    [Theory]
    [InlineData("a,b,c,y\n1,2,3,x\n4,5,y\n", "test.csv, line 3: the row has 3 fields but the header has 4; every row needs one field per header column (check quotes and delimiters)")]
    [InlineData("a,b,y\n1,2,x\n\"4\",5,6,y\n", "test.csv, line 3: the row has 4 fields but the header has 3; every row needs one field per header column (check quotes and delimiters)")]
    public void Load_RaggedRow_NamesTheLineAndTheCounts(string text, string message)
    {
        Assert.Equal(message, CsvError(text).Message);
        Assert.Equal(message, CsvError(text, new CsvLoadOptions { DropInvalidRows = true }).Message);
    }

    [Theory]
    [InlineData("", "test.csv: the file is empty; expected a header row naming the columns, then data rows")]
    [InlineData("\n\r\n\n", "test.csv: the file is empty; expected a header row naming the columns, then data rows")]
    [InlineData("a,b,y\n", "test.csv: the file has a header but no data rows")]
    [InlineData("a,b,y\n\n\n", "test.csv: the file has a header but no data rows")]
    [InlineData("1,2,3\n4,5,6\n", "test.csv, line 1: the first row is all numbers, so it looks like data; a header row naming the columns is required")]
    [InlineData("a,b,a,y\n1,2,3,x\n", "test.csv, line 1, column 'a' (index 2): the header name 'a' is also used by column 0; names must be unique")]
    [InlineData(",a,y\n0,1,x\n", "test.csv, line 1, column index 0: the header name is empty; every column needs a name (an unnamed first column is often a saved row index: remove it)")]
    [InlineData("a|b|y\n1|2|x\n", "test.csv, line 1: the header has one column ('a|b|y') but at least two are needed, a feature and a target; if the file uses another delimiter than ',', set CsvLoadOptions.Delimiter")]
    [InlineData("a,b,y\n1,\"2,x\n3,4,y\n", "test.csv, line 2, column 'b' (index 1): a quoted field opened on line 2 is never closed (the text ends inside it)")]
    [InlineData("a,b,y\n1,\"2\"3,x\n", "test.csv, line 2, column 'b' (index 1): unexpected '3' after the closing quote of a quoted field; inside quotes write a quote as \"\"")]
    public void Load_MalformedText_GivesTheDocumentedMessage(string text, string message)
    {
        Assert.Equal(message, CsvError(text).Message);
    }

    [Fact]
    public void Load_AllRowsDropped_SaysSo()
    {
        DataFormatException e = CsvError("a,y\nx,1\n,2\n", new CsvLoadOptions { DropInvalidRows = true });

        Assert.Equal("test.csv: all 2 data rows were dropped as invalid; nothing is left to load", e.Message);
    }

    [Fact]
    public void Load_TargetNameNotInHeader_ListsTheColumns()
    {
        DataFormatException e = CsvError("a,b,y\n1,2,3\n", new CsvLoadOptions { TargetName = "species" });

        Assert.Equal("test.csv, line 1: the target column 'species' is not in the header; the columns are 'a', 'b', 'y'", e.Message);
    }

    [Fact]
    public void Load_TargetIndexPastTheEnd_GivesTheRange()
    {
        DataFormatException e = CsvError("a,b,y\n1,2,3\n", new CsvLoadOptions { TargetIndex = 3 });

        Assert.Equal("test.csv, line 1: the target index 3 is past the last column (the header has 3 columns, indices 0..2)", e.Message);
    }

    [Fact]
    public void Load_Utf16WithoutBom_IsReportedAsBinary()
    {
        DataFormatException e = Assert.Throws<DataFormatException>(() => Csv(Encoding.Unicode.GetBytes("a,b,y\n1,2,x\n")));

        Assert.Equal("test.csv: the text contains a NUL character (after line 1): it looks binary, not CSV text (UTF-16 text needs a byte-order mark)", e.Message);
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

        Assert.Equal("test.csv, line 1: the record has more than 3 columns, the limit (raise CsvLoadOptions.MaxColumns if this is intended)", e.Message);
    }

    [Fact]
    public void Load_TooManyCells_IsRefusedAtTheLimit()
    {
        DataFormatException e = CsvError("a,b,y\n1,2,3\n4,5,6\n", new CsvLoadOptions { MaxCells = 3 });

        Assert.Equal("test.csv, line 3: the data exceeds 3 feature cells, the limit (raise CsvLoadOptions.MaxCells if this is intended)", e.Message);
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
        Assert.Equal("test.csv, line 1: the record has more than 100,000 columns, the limit (raise CsvLoadOptions.MaxColumns if this is intended)", e.Message);
    }

    [Fact]
    public void Load_ContradictoryOrOutOfRangeOptions_AreArgumentErrors()
    {
        Assert.ThrowsAny<ArgumentException>(() => Csv("a,y\n1,2\n", new CsvLoadOptions { TargetName = "y", TargetIndex = 1 }));
        Assert.ThrowsAny<ArgumentException>(() => Csv("a,y\n1,2\n", new CsvLoadOptions { TargetIndex = -1 }));
        Assert.ThrowsAny<ArgumentException>(() => Csv("a,y\n1,2\n", new CsvLoadOptions { Delimiter = '|' }));
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
