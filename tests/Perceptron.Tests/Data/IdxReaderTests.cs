using Perceptron.Data;
using Perceptron.Tensors;
using static Perceptron.Tests.Data.DataTestFiles;

namespace Perceptron.Tests.Data;

public class IdxReaderTests
{
    public static TheoryData<bool> RawAndGzip => [false, true];

    [Theory]
    [MemberData(nameof(RawAndGzip))]
    public void ReadImages_RoundTripsEveryPixel(bool gzip)
    {
        byte[] file = Images(3, 2, 4);

        Matrix<float> images = ReadImages(gzip ? Gzip(file) : file);

        Assert.Equal((3, 8), (images.Rows, images.Columns));
        Assert.Equal(Pattern(24).Select(b => (float)b), images.Data);
    }

    [Theory]
    [MemberData(nameof(RawAndGzip))]
    public void ReadLabels_RoundTripsEveryLabel(bool gzip)
    {
        byte[] file = Labels(4, [7, 0, 255, 3]);

        int[] labels = IdxReader.ReadLabels(new MemoryStream(gzip ? Gzip(file) : file), "labels");

        Assert.Equal([7, 0, 255, 3], labels);
    }

    [Fact]
    public void ReadImages_ScaleToUnitRange_DividesBy255()
    {
        Matrix<float> images = ReadImages(Images(1, 1, 3, [0, 51, 255]), new IdxReadOptions { ScaleToUnitRange = true });

        Assert.Equal([0f, 0.2f, 1f], images.Data);
    }

    [Fact]
    public void ReadImages_UnseekableGzipStream_IsDetectedByMagic()
    {
        Matrix<float> images = IdxReader.ReadImages(new UnseekableStream(Gzip(Images(2, 2, 2))), "pipe");

        Assert.Equal(2, images.Rows);
    }

    [Fact]
    public void ReadImages_ZeroImages_IsAnEmptyMatrix()
    {
        Matrix<float> images = ReadImages(Images(0, 28, 28));

        Assert.Equal((0, 784), (images.Rows, images.Columns));
    }

    [Fact]
    public void LoadDataset_FromFiles_NamesPixelsAndDigits()
    {
        string folder = Directory.CreateTempSubdirectory("idx").FullName;
        try
        {
            string images = Path.Combine(folder, "images.idx3"), labels = Path.Combine(folder, "labels.gz");
            File.WriteAllBytes(images, Images(10, 2, 2));
            File.WriteAllBytes(labels, Gzip(Labels(10)));

            TabularDataset data = IdxReader.LoadDataset(images, labels);

            Assert.Equal(["pixel0", "pixel1", "pixel2", "pixel3"], data.FeatureNames);
            Assert.Equal([.. Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], data.ClassNames);
            Assert.Equal([.. Enumerable.Range(0, 10)], data.Labels!);
            Assert.Equal(("images.idx3", "digit", TaskKind.Classification), (data.Source, data.TargetName, data.Task));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(IdxReader.ImagesMagic - 1, "the magic number is 0x00000802 but an IDX images file starts with 0x00000803 (not an IDX file of that kind)")]
    [InlineData(IdxReader.LabelsMagic, "the magic number is 0x00000801 but an IDX images file starts with 0x00000803 (this is an IDX labels file: are the images and labels paths swapped?)")]
    public void ReadImages_WrongMagic_SaysWhatWasFound(int magic, string problem)
    {
        Assert.Equal("images: " + problem, ImagesError(Images(1, 2, 2, magic: magic)).Message);
    }

    [Theory]
    [InlineData(10, "the data ends after 10 bytes, inside the 16-byte IDX header (the file is truncated or not IDX)")]
    [InlineData(0, "the data ends after 0 bytes, inside the 16-byte IDX header (the file is truncated or not IDX)")]
    [InlineData(27, "the header declares 12 data bytes but only 11 follow (the file is truncated)")]
    [InlineData(29, "the header declares 12 data bytes but 13 follow; the header or the file is wrong")]
    public void ReadImages_WrongLength_IsReported(int length, string problem)
    {
        byte[] file = Images(3, 2, 2);
        Array.Resize(ref file, length);

        Assert.Equal("images: " + problem, ImagesError(file).Message);
    }

    [Fact]
    public void ReadImages_TruncatedGzip_IsReported()
    {
        byte[] gzip = Gzip(Images(50, 28, 28));

        DataFormatException e = ImagesError(gzip[..(gzip.Length / 2)]);

        Assert.Matches("^images: (the gzip data is corrupt or truncated|the header declares 39,200 data bytes but only [0-9,]+ follow \\(the gzip stream is truncated\\))", e.Message);
    }

    [Fact]
    public void ReadImages_GzipWithMoreDataThanDeclared_IsReported()
    {
        byte[] file = [.. Images(2, 2, 2), .. new byte[100]];

        Assert.Equal("images: more data follows the 8 bytes that the header declares; the header or the file is wrong", ImagesError(Gzip(file)).Message);
    }

    [Fact]
    public void ReadImages_GzipDeclaringMoreThanItHolds_FailsWithoutTrustingTheDeclaration()
    {
        // 60,000 images declared (47 MB), 100 bytes present: the buffer must not be sized from the header.
        byte[] gzip = Gzip(Images(60_000, 28, 28, new byte[100]));

        Assert.Equal("images: the header declares 47,040,000 data bytes but only 100 follow (the gzip stream is truncated)", ImagesError(gzip).Message);
    }

    [Theory]
    [InlineData(int.MaxValue, 28, 28, "the header declares 2,147,483,647 images × 28 rows × 28 columns = 1,683,627,179,248 bytes, more than the limit of 536,870,912 bytes per file (is the header corrupt?)")]
    [InlineData(-1, 28, 28, "the header declares 4,294,967,295 images (as signed -1); expected 0 or more")]
    [InlineData(1, 0, 28, "the header declares 0 rows (as signed 0); expected 1 or more")]
    public void ReadImages_BadDeclaredSizes_AreRefusedBeforeAllocating(int count, int rows, int columns, string problem)
    {
        Assert.Equal("images: " + problem, ImagesError(Images(count, rows, columns, new byte[16])).Message);
    }

    [Fact]
    public void ReadImages_MaxDataBytes_IsTheLimit()
    {
        var options = new IdxReadOptions { MaxDataBytes = 7 };

        DataFormatException e = Assert.Throws<DataFormatException>(() => ReadImages(Images(2, 2, 2), options));

        Assert.Equal("images: the header declares 2 images × 2 rows × 2 columns = 8 bytes, more than the limit of 7 bytes per file (is the header corrupt?)", e.Message);
    }

    [Fact]
    public void ReadLabels_CorruptGzip_IsReported()
    {
        byte[] junk = [0x1f, 0x8b, 0x08, 0x00, .. Pattern(100)];

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(new MemoryStream(junk), "labels"));

        Assert.StartsWith("labels: the gzip data is corrupt or truncated (", e.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDataException>(e.InnerException);
    }

    [Fact]
    public void LoadDataset_CountMismatch_NamesBothFiles()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            IdxReader.LoadDataset(new MemoryStream(Images(3, 2, 2)), "img", new MemoryStream(Labels(2)), "lab", "mnist", null));

        Assert.Equal("lab: it has 2 labels but the images file 'img' has 3 images; each image needs one label", e.Message);
        Assert.Equal("lab", e.FilePath);
    }

    [Fact]
    public void LoadDataset_LabelAboveNine_IsReported()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            IdxReader.LoadDataset(new MemoryStream(Images(2, 2, 2)), "img", new MemoryStream(Labels(2, [3, 12])), "lab", "mnist", null));

        Assert.Equal("lab: label 1 (0-based) is 12 but digit labels are 0..9", e.Message);
    }

    private static Matrix<float> ReadImages(byte[] file, IdxReadOptions? options = null) =>
        IdxReader.ReadImages(new MemoryStream(file), "images", options);

    private static DataFormatException ImagesError(byte[] file) =>
        Assert.Throws<DataFormatException>(() => ReadImages(file));

    /// <summary>A stream that cannot seek or report its length, like a pipe.</summary>
    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
