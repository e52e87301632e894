using Perceptron.Data;
using static Perceptron.Tests.Data.DataTestFiles;

namespace Perceptron.Tests.Data;

/// <summary>Replays the committed corpus of nasty files (Corpus/, made by make_corpus.py): each either loads cleanly
/// or fails with a one-line <see cref="DataFormatException"/> that names the file and the problem.</summary>
public class HostileInputTests
{
    /// <summary>Every corpus file and the message fragment it must produce; <see langword="null"/> means it must load.</summary>
    private static readonly Dictionary<string, string?> Expectations = new()
    {
        ["ok-bom-crlf.csv"] = null,
        ["ok-utf16le-bom.csv"] = null,
        ["ok-utf16be-bom.csv"] = null,
        ["ok-quoted.csv"] = null,
        ["ok-semicolon.csv"] = null,
        ["ok-tab.csv"] = null,
        ["ok-blank-lines-no-final-newline.csv"] = null,
        ["ok-cr-only.csv"] = null,
        ["ok-unicode-names.csv"] = null,
        ["ok-spaces-around-numbers.csv"] = null,
        ["ok-float-extremes.csv"] = null,
        ["ok-short-row.csv"] = null,
        ["ok-nan-is-missing.csv"] = null,
        ["ok-missing-cell.csv"] = null,
        ["ok-no-header.csv"] = null,
        ["ok-text-column.csv"] = null,
        ["ok-pipe.csv"] = null,
        ["bad-utf16-no-bom.csv"] = ", line 1, column index 0: the text contains a NUL character",
        ["bad-nul-in-cell.csv"] = ", line 5, column 'x3' (index 3): the text contains a NUL character",
        ["bad-ragged-long.csv"] = ", line 3: the row has 4 fields but the header has 3;",
        ["bad-infinity.csv"] = ", line 2, column 'b' (index 1): '-Infinity' is not a finite number",
        ["bad-1e309.csv"] = ", line 2, column 'b' (index 1): '1e309' is not a finite number",
        ["bad-1e39.csv"] = ", line 2, column 'b' (index 1): '1e39' is outside the float range",
        ["bad-target-1e39.csv"] = ", line 2, column 'y' (index 2): '1e39' is outside the float range",
        ["bad-target-infinity.csv"] = ", line 3, column 'y' (index 2): 'Infinity' is not a finite number",
        ["bad-unclosed-quote.csv"] = ", line 2, column 'b' (index 1): a quoted field opened on line 2 is never closed",
        ["bad-text-after-quote.csv"] = ", line 2, column 'b' (index 1): unexpected '3' after the closing quote",
        ["bad-empty.csv"] = ": the file has no header and no data:",
        ["bad-bom-only.csv"] = ": the file has no header and no data:",
        ["bad-blank-lines-only.csv"] = ": the file has no header and no data:",
        ["bad-whitespace-lines-only.csv"] = ": the file has no header and no data:",
        ["bad-header-only.csv"] = ": the file has a header but no data rows",
        ["bad-duplicate-header.csv"] = ", line 1, column 'a' (index 2): the header name 'a' is also used by column 0;",
        ["bad-empty-header-name.csv"] = ", line 1, column index 0: the header name is empty;",
        ["bad-one-column.csv"] = ", line 1: the header has one column ('a b label')",
        ["bad-empty-column.csv"] = ": a column cannot be a feature: 'b' (no values: every cell is missing); leave it out with --auto-columns or --ignore b",
        ["bad-missing-target.csv"] = ": the target 'label' is empty or missing in every data row (1); nothing is left to load",
        ["bad-text-in-numbers.csv"] = ", line 4, column 'b' (index 1): expected a number, found 'five'",
        ["bad-decimal-comma.csv"] = ", line 2, column 'b' (index 1): the column holds numbers with a decimal comma ('1,5'); pass --decimal ','",
        ["bad-invalid-utf8.csv"] = ": the text is not valid UTF-8",
        ["bad-binary-junk.csv"] = ": the text is not valid UTF-8",
        ["ok-images-raw.idx3"] = null,
        ["ok-images-gzip-no-extension.idx3"] = null,
        ["ok-images-zero-count.idx3"] = null,
        ["ok-labels-raw.idx1"] = null,
        ["ok-labels.idx1.gz"] = null,
        ["bad-images-wrong-magic.idx3"] = ": the magic number is 0x00000802 but an IDX images file starts with 0x00000803",
        ["bad-images-is-labels.idx3"] = ": the magic number is 0x00000801 but an IDX images file starts with 0x00000803 (this is an IDX labels file: are the images and labels paths swapped?)",
        ["bad-labels-is-images.idx1"] = ": the magic number is 0x00000803 but an IDX labels file starts with 0x00000801 (this is an IDX images file: are the images and labels paths swapped?)",
        ["bad-images-header-truncated.idx3"] = ": the data ends after 10 bytes, inside the 16-byte IDX header",
        ["bad-images-data-truncated.idx3"] = ": the header declares 12 data bytes but only 11 follow (the file is truncated)",
        ["bad-images-extra-bytes.idx3"] = ": the header declares 12 data bytes but 13 follow;",
        ["bad-images-huge-declared.idx3"] = ": the header declares 2,147,483,647 images × 28 rows × 28 columns = 1,683,627,179,248 bytes, more than the limit",
        ["bad-images-negative-count.idx3"] = ": the header declares 4,294,967,295 images (as signed -1); expected 0 or more",
        ["bad-images-zero-rows.idx3"] = ": the header declares 0 rows (as signed 0); expected 1 or more",
        ["bad-images-gzip-truncated.idx3.gz"] = "truncated",
        ["bad-images-gzip-declares-more.idx3.gz"] = ": the header declares 47,040,000 data bytes but only 100 follow (the gzip stream is truncated)",
        ["bad-images-gzip-more-than-declared.idx3.gz"] = ": more data follows the 1,568 bytes that the header declares;",
        ["bad-images-gzip-huge-declared.idx3.gz"] = "bytes, more than the limit of 536,870,912",
        ["bad-labels-gzip-corrupt.idx1.gz"] = ": the gzip data is corrupt or truncated",
        ["bad-labels-data-truncated.idx1"] = ": the header declares 10 data bytes but only 4 follow (the file is truncated)",
        ["bad-labels-empty.idx1"] = ": the data ends after 0 bytes, inside the 8-byte IDX header",
    };

    public static TheoryData<string> CorpusFiles => [.. Expectations.Keys];

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void CorpusFile_LoadsOrFailsWithItsMessage(string name)
    {
        string path = Path.Combine(CorpusFolder, name);
        string? expected = Expectations[name];
        DataFormatException? error = null;

        Bounded(() =>
        {
            try
            {
                Load(path);
            }
            catch (DataFormatException e)
            {
                error = e;
            }
        });

        if (expected is null)
        {
            Assert.Null(error);
            return;
        }

        Assert.NotNull(error);
        Assert.Equal(path, error.FilePath);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Corpus_EveryFileHasAnExpectation()
    {
        string[] files = [.. Directory.GetFiles(CorpusFolder).Select(Path.GetFileName).Where(n => n != "make_corpus.py").Order(StringComparer.Ordinal)!];

        Assert.Equal(Expectations.Keys.Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public void OkCsvFiles_LoadTheSameTwoRows()
    {
        foreach (string name in Expectations.Keys.Where(n => n.StartsWith("ok-", StringComparison.Ordinal) && n.EndsWith(".csv", StringComparison.Ordinal)))
        {
            TabularDataset data = CsvLoader.Load(Path.Combine(CorpusFolder, name));

            Assert.True(data.Rows is 2 or 3, $"{name}: {data}");
            Assert.Equal(2, data.Features.Columns);
            Assert.All(data.Features.Data, v => Assert.True(float.IsFinite(v) || float.IsNaN(v), $"{name}: {v} (NaN is a missing cell)"));
        }
    }

    /// <summary>Picks the reader by the file name: .csv → CSV; otherwise its second word, "images" or "labels".</summary>
    private static void Load(string path)
    {
        string name = Path.GetFileName(path);
        if (name.EndsWith(".csv", StringComparison.Ordinal))
        {
            CsvLoader.Load(path);
        }
        else if (name.Split('-')[1] == "images")
        {
            IdxReader.ReadImages(path);
        }
        else
        {
            IdxReader.ReadLabels(path);
        }
    }
}
