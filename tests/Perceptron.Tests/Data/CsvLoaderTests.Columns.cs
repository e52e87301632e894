using System.Text;
using Perceptron.Data;
using static Perceptron.Tests.Data.DataTestFiles;

namespace Perceptron.Tests.Data;

/// <summary>Column kinds (numbers, categories, columns that cannot be features) and the column options.</summary>
public partial class CsvLoaderTests
{
    [Fact]
    public void Load_TextColumn_IsCategoricalWithTheFilesCategories()
    {
        TabularDataset data = Csv("colour,n,y\nred,1,x\nblue,2,y\n,3,x\nred,4,y\n");

        FeatureColumn colour = data.Columns[0];
        Assert.Equal((ColumnKind.Categorical, ColumnKind.Numeric), (colour.Kind, data.Columns[1].Kind));
        Assert.Equal(["red", "blue"], colour.Categories);
        Assert.Equal([0f, 1f, float.NaN, 0f], Enumerable.Range(0, 4).Select(r => data.Features[r, 0]));
    }

    [Fact]
    public void Load_NumbersInATextColumn_BecomeCategoriesByTheirShortestText()
    {
        TabularDataset data = Csv("size,n,y\nS,1,x\nM,2,y\n3.0,3,x\nL,4,y\n");

        Assert.Equal(["S", "M", "L", "3"], data.Columns[0].Categories);
        Assert.Equal(3f, data.Features[2, 0]);
    }

    [Fact]
    public void Load_DeclaredCategorical_KeepsTheTextOfNumbers()
    {
        TabularDataset data = Csv("zip,n,y\n02134,1,x\n10001,2,y\n02134,3,x\n", new CsvLoadOptions { Categorical = ["zip"] });

        Assert.Equal(["02134", "10001"], data.Columns[0].Categories);
        Assert.Equal([0f, 1f, 0f], Enumerable.Range(0, 3).Select(r => data.Features[r, 0]));
    }

    [Fact]
    public void Load_ColumnsThatCannotBeFeatures_AreListedInOneLine()
    {
        string text = Table(12, i => $"{1000 + i},2024-03-{1 + i:00},note number {i} here,c{i % 2},{i % 3},{i % 2}", "id,when,note,kind,n,y");

        DataFormatException e = CsvError(text);

        Assert.Equal("test.csv: 3 columns cannot be features: 'id' (identifiers: a different whole number in every row); 'when' (dates); " +
            "'note' (free text: a different text in every row); leave them out with --auto-columns or --ignore id,when,note, or one-hot a text column anyway with --categorical NAME", e.Message);
    }

    [Fact]
    public void Load_AutoColumns_LeavesThemOutWithANote()
    {
        string text = Table(12, i => $"{1000 + i},2024-03-{1 + i:00},c{i % 2},{i % 3},{i % 2}", "id,when,kind,n,y");

        TabularDataset data = Csv(text, new CsvLoadOptions { AutoColumns = true });

        Assert.Equal(["kind", "n"], data.FeatureNames);
        Assert.Equal(["id", "when"], data.DroppedColumns);
        Assert.Contains("left out 2 columns that cannot be features (--auto-columns): 'id' (identifiers: a different whole number in every row); 'when' (dates)", data.Notes);
    }

    [Fact]
    public void Load_ListedFeatures_AreUsedEvenIfTheyLookUnusable()
    {
        string text = Table(12, i => $"{1000 + i},ref-{i},{i % 3},{i % 2}", "id,ref,n,y");

        TabularDataset data = Csv(text, new CsvLoadOptions { Features = ["ref", "n"] });

        Assert.Equal(["ref", "n"], data.FeatureNames);
        Assert.Equal(12, data.Columns[0].Categories.Count);
    }

    [Fact]
    public void Load_IgnoreAndFeatures_AcceptNamesOrIndices()
    {
        TabularDataset ignored = Csv("a,b,c,y\n1,2,3,x\n4,5,6,y\n", new CsvLoadOptions { Ignore = ["b", "0"] });
        TabularDataset listed = Csv("a,b,c,y\n1,2,3,x\n4,5,6,y\n", new CsvLoadOptions { Features = ["c", "1"] });

        Assert.Equal(["c"], ignored.FeatureNames);
        Assert.Equal(["b", "c"], listed.FeatureNames);
    }

    [Theory]
    [InlineData("--ignore", "test.csv: --ignore names 'Sepal', which is not a column of the file; the columns are 'sepal', 'width', 'y'; did you mean 'sepal'?")]
    [InlineData("--features", "test.csv: --features names 'y', the target column; the target is never a feature (choose another with --target)")]
    public void Load_BadColumnReference_SaysWhatIsWrong(string option, string message)
    {
        var options = option == "--ignore" ? new CsvLoadOptions { Ignore = ["Sepal"] } : new CsvLoadOptions { Features = ["sepal", "y"] };

        Assert.Equal(message, CsvError("sepal,width,y\n1,2,x\n", options).Message);
    }

    [Fact]
    public void Load_NumericIdentifierWithoutAnIdName_IsANumber()
    {
        TabularDataset data = Csv(Table(12, i => $"{i},{i % 2}", "step,y"));

        Assert.Equal(ColumnKind.Numeric, Assert.Single(data.Columns).Kind);
    }

    /// <summary>A header, then <paramref name="rows"/> rows from <paramref name="row"/>.</summary>
    private static string Table(int rows, Func<int, string> row, string header)
    {
        var text = new StringBuilder(header).Append('\n');
        for (int i = 0; i < rows; i++)
        {
            text.Append(row(i)).Append('\n');
        }

        return text.ToString();
    }
}
