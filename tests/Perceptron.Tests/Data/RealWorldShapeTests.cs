using Perceptron.Data;

namespace Perceptron.Tests.Data;

/// <summary>
/// Replays the corpus of real-world-shaped files (RealWorld/, made by make_real_world.py): each loads with at most one
/// option, into the expected shape, and without that option either loads the same way or fails with a message that
/// names the option.
/// </summary>
public class RealWorldShapeTests
{
    /// <summary>A file, the one option it needs (or none), and what it must load into.</summary>
    public sealed record Shape(string File, string Option, Func<CsvLoadOptions, CsvLoadOptions> Apply, int Rows, string[] Features, string Target,
        TaskKind Task, int Categorical, string? Note, string? ErrorWithoutOption)
    {
        public override string ToString() => File;
    }

    private static readonly Shape[] Shapes =
    [
        new("counts-line-classes.csv", "", o => o, 60, ["x0", "x1", "x2", "x3"], "x4", TaskKind.Classification, 0,
            "line 1 is a scikit-learn counts line (60 rows, 4 features) and names the classes setosa, versicolor, virginica: skipped", null),
        new("counts-line-header.csv", "", o => o, 50, ["CRIM", "ROOMS", "AGE"], "PRICE", TaskKind.Regression, 0,
            "line 1 is a scikit-learn counts line (50 rows, 3 features): skipped", null),
        new("no-header.csv.gz", "", o => o, 80, [.. Enumerable.Range(0, 8).Select(i => $"x{i}")], "x8", TaskKind.Classification, 0,
            "the first row holds only numbers, so the file has no header", null),
        new("comment-lines.csv", "", o => o, 40, ["temperature", "humidity", "wind"], "rain", TaskKind.Classification, 0,
            "skipped 2 lines starting with '#' before the first row", null),
        new("comments-inside.csv", "--comment '#'", o => o with { Comment = '#' }, 40, ["temperature", "humidity", "wind"], "rain", TaskKind.Classification, 0, null, null),
        new("date-column.csv", "--auto-columns", o => o with { AutoColumns = true }, 45, ["open", "high", "volume"], "close", TaskKind.Regression, 0,
            "left out a column that cannot be a feature (--auto-columns): 'date' (dates)", ": a column cannot be a feature: 'date' (dates); leave it out with --auto-columns or --ignore date"),
        new("text-columns.csv", "--auto-columns", o => o with { AutoColumns = true }, 60, ["colour", "size"], "label", TaskKind.Classification, 1,
            "'note' (free text: a different text in every row)", ": a column cannot be a feature: 'note' (free text: a different text in every row)"),
        new("sparse-missing.csv", "", o => o, 80, ["a", "b", "sparse", "c"], "y", TaskKind.Classification, 0, null, null),
        new("short-rows.csv", "--target label", o => o with { TargetName = "label" }, 50, ["x1", "x2", "x3", "x4"], "label", TaskKind.Classification, 0,
            "rows had fewer fields than the header; their missing trailing fields were read as empty cells", null),
        new("identifiers.csv", "--auto-columns", o => o with { AutoColumns = true }, 40, ["amount", "items"], "returned", TaskKind.Classification, 0,
            "'customer_id' (identifiers: a different whole number in every row); 'order_ref' (identifiers: a different value in every row)",
            ": 2 columns cannot be features: 'customer_id' (identifiers: a different whole number in every row); 'order_ref' (identifiers: a different value in every row); leave them out with --auto-columns or --ignore customer_id,order_ref"),
        new("categorical-missing.csv", "", o => o, 60, ["city", "plan", "age", "spend"], "churned", TaskKind.Classification, 2, null, null),
        new("semicolon-decimal-comma.csv", "--decimal ','", o => o with { DecimalSeparator = ',' }, 40, ["Länge", "Breite", "Gewicht"], "Klasse", TaskKind.Classification, 0,
            null, ", line 2, column 'Länge' (index 0): the column holds numbers with a decimal comma ('2,887'); pass --decimal ','"),
        new("single-quoted.csv", "--quote \"'\"", o => o with { Quote = '\'' }, 36, ["place", "rooms", "area"], "price", TaskKind.Regression, 1,
            null, ", line 2: the row has 5 fields but the header has 4; every row needs one field per header column (check the quotes and the delimiter: --quote, --delimiter)"),
        new("excel-export.csv", "", o => o, 40, ["Height (cm)", "Weight (kg)"], "Sex", TaskKind.Classification, 0, null, null),
    ];

    public static TheoryData<Shape> Cases => [.. Shapes];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Shape_LoadsWithItsOneOption(Shape shape)
    {
        TabularDataset data = CsvLoader.Load(PathOf(shape.File), shape.Apply(CsvLoadOptions.Default));

        Assert.Equal(shape.Rows, data.Rows);
        Assert.Equal(shape.Features, data.FeatureNames);
        Assert.Equal((shape.Target, shape.Task), (data.TargetName, data.Task));
        Assert.Equal(shape.Categorical, data.Columns.Count(c => c.Kind == ColumnKind.Categorical));
        if (shape.Note is not null)
        {
            Assert.Contains(data.Notes, note => note.Contains(shape.Note, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Shape_WithoutItsOption_LoadsAnywayOrNamesTheOption(Shape shape)
    {
        if (shape.ErrorWithoutOption is null)
        {
            CsvLoader.Load(PathOf(shape.File));
            return;
        }

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(PathOf(shape.File)));

        Assert.StartsWith(PathOf(shape.File), error.Message, StringComparison.Ordinal);
        Assert.Contains(shape.ErrorWithoutOption, error.Message, StringComparison.Ordinal);
        Assert.Contains(shape.Option.Split(' ')[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountsLine_NamesTheClassesByIndex()
    {
        TabularDataset data = CsvLoader.Load(PathOf("counts-line-classes.csv"));

        Assert.Equal(["setosa", "versicolor", "virginica"], data.ClassNames);
    }

    [Fact]
    public void CommentsInside_WithoutTheOption_AreLeftOutWithAHint()
    {
        TabularDataset data = CsvLoader.Load(PathOf("comments-inside.csv"));

        Assert.Equal(40, data.Rows);
        Assert.Contains("2 rows start with '#'; if they are comments, pass --comment '#'", data.Notes);
    }

    [Fact]
    public void SparseColumn_IsImputedByDefault_AndNamedWhenRowsAreDropped()
    {
        TabularDataset kept = CsvLoader.Load(PathOf("sparse-missing.csv"));
        TabularDataset dropped = CsvLoader.Load(PathOf("sparse-missing.csv"), new CsvLoadOptions { DropInvalidRows = true });

        int missing = Enumerable.Range(0, kept.Rows).Count(r => float.IsNaN(kept.Features[r, 2]));
        Assert.InRange(missing, 56, 76); // about 85% of 80
        Assert.Equal(missing, kept.MissingCells);
        Assert.Equal(80 - missing, dropped.Rows);
        Assert.Equal(new Dictionary<string, int> { ["sparse"] = missing }, dropped.DroppedRowsByColumn);
        Assert.Contains(dropped.Notes, note => note.StartsWith($"dropped {missing} rows with missing or invalid cells (--drop-invalid-rows): 'sparse' in {missing} rows", StringComparison.Ordinal));
    }

    [Fact]
    public void Categories_KeepTheirTextAndMissingCells()
    {
        TabularDataset data = CsvLoader.Load(PathOf("categorical-missing.csv"));

        FeatureColumn city = data.Columns[0];
        Assert.Equal(["Lille", "Lyon", "Nice", "Paris"], city.Categories.Order(StringComparer.Ordinal));
        Assert.Contains(Enumerable.Range(0, data.Rows), r => float.IsNaN(data.Features[r, 0]));
        Assert.Equal(["basic", "pro"], data.Columns[1].Categories.Order(StringComparer.Ordinal));
    }

    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Data", "RealWorld", file);
}
