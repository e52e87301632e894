using System.Globalization;
using System.Text;
using Perceptron.Data;
using static Perceptron.Tests.Data.DataTestFiles;

namespace Perceptron.Tests.Data;

// The reader copies unquoted fields out of its text buffer a run at a time; these files are long enough that fields,
// quoted fields and line ends fall across the buffer's refills.
public partial class CsvLoaderTests
{
    [Fact]
    public void Load_FieldsAcrossBufferRefills_ReadEveryValue()
    {
        var random = new Random(7);
        var text = new StringBuilder("a,b,c,y\n");
        var expected = new List<float>();
        for (int r = 0; r < 6_000; r++)
        {
            for (int j = 0; j < 3; j++)
            {
                // Varied widths (1 to ~25 characters) so that every offset meets a refill.
                double x = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9));
                string cell = (r + j) % 5 == 0 ? x.ToString("E3", CultureInfo.InvariantCulture) : x.ToString("R", CultureInfo.InvariantCulture);
                expected.Add((float)double.Parse(cell, CultureInfo.InvariantCulture));
                text.Append(j == 1 && r % 7 == 0 ? $"\"{cell}\"" : cell).Append(',');
            }

            text.Append(r % 2 == 0 ? "u" : "v").Append(r % 3 == 0 ? "\r\n" : "\n");
        }

        TabularDataset data = Csv(text.ToString());

        Assert.Equal(6_000, data.Rows);
        Assert.Equal(expected, data.Features.Data);
    }

    [Fact]
    public void Load_FieldOfTheLongestLengthAcrossRefills_IsRead()
    {
        string longest = new('7', CsvRecordReader.MaxFieldChars);
        TabularDataset data = Csv("a,y\n1,x\n" + longest + ",x\n2,y\n", new CsvLoadOptions { Categorical = ["a"] });

        Assert.Equal(longest, data.Columns[0].Categories[1]);
    }

    [Fact]
    public void Load_FieldOneLongerThanTheLimit_IsRefused()
    {
        DataFormatException e = CsvError("a,y\n1,x\n" + new string('7', CsvRecordReader.MaxFieldChars + 1) + ",x\n");

        Assert.Equal((3L, 0), (e.Row, e.Column));
    }

    [Fact]
    public void Load_BadCellAfterManyRefills_NamesItsLineAndColumn()
    {
        var text = new StringBuilder("a,b,y\n");
        for (int r = 0; r < 20_000; r++)
        {
            text.Append("1.25,-3.5,x\n");
        }

        text.Append("1.25,oops,x\n");
        DataFormatException e = CsvError(text.ToString(), new CsvLoadOptions { Numeric = ["b"] });

        Assert.Equal((20_002L, 1), (e.Row, e.Column));
        Assert.Contains("'oops'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NulAfterManyRefills_NamesItsLineAndColumn()
    {
        var text = new StringBuilder("a,b,y\n");
        for (int r = 0; r < 5_000; r++)
        {
            text.Append("12.5,7,x\n");
        }

        text.Append("1,2\0,x\n");
        DataFormatException e = CsvError(text.ToString());

        Assert.Equal((5_002L, 1), (e.Row, e.Column));
    }
}
