using System.Globalization;
using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>Reads MNIST-style IDX files: idx3-ubyte images and idx1-ubyte labels, raw or gzip-compressed.</summary>
/// <remarks>
/// Gzip is recognised by its magic bytes 1f 8b, not by the file name. The IDX magic number, every declared size and
/// the real amount of data are checked before the data is trusted, and declared sizes are capped by
/// <see cref="IdxReadOptions.MaxDataBytes"/> before anything is allocated. Pixels become floats 0..255, or 0..1 with
/// <see cref="IdxReadOptions.ScaleToUnitRange"/>. Every defect raises a <see cref="DataFormatException"/> naming the file.
/// </remarks>
/// <example><code>
/// TabularDataset train = IdxReader.LoadDataset("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
///     new IdxReadOptions { ScaleToUnitRange = true });
/// </code></example>
public static class IdxReader
{
    /// <summary>The magic number of an images file: unsigned bytes (0x08) in 3 dimensions (count, rows, columns).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of a labels file: unsigned bytes (0x08) in 1 dimension (count).</summary>
    public const int LabelsMagic = 0x00000801;

    private static readonly string[] ImageDimensions = ["images", "rows", "columns"];
    private static readonly string[] LabelDimensions = ["labels"];

    /// <summary>Reads an images file into a matrix with one flattened image (row-major pixels) per row.</summary>
    /// <param name="path">An idx3-ubyte file, raw or gzip.</param>
    /// <param name="options">Scaling and limits; <see langword="null"/> for <see cref="IdxReadOptions.Default"/>.</param>
    /// <returns>A count × (rows·columns) matrix.</returns>
    /// <exception cref="DataFormatException">Wrong magic number, bad or too large sizes, truncated or extra data, corrupt gzip.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static Matrix<float> ReadImages(string path, IdxReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = File.OpenRead(path);
        return ReadImages(stream, path, options);
    }

    /// <summary>Reads an images file from a stream.</summary>
    /// <param name="stream">The bytes, raw or gzip; read to the end and left open.</param>
    /// <param name="sourceName">The name used in messages.</param>
    /// <param name="options">Scaling and limits.</param>
    /// <returns>A count × (rows·columns) matrix.</returns>
    /// <exception cref="DataFormatException">The data is not a valid IDX images file.</exception>
    public static Matrix<float> ReadImages(Stream stream, string sourceName, IdxReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        options ??= IdxReadOptions.Default;
        options.Validate();
        (int[] sizes, byte[] data) = IdxPayload.Read(stream, sourceName, ImagesMagic, ImageDimensions, options.MaxDataBytes);
        var images = new Matrix<float>(sizes[0], sizes[1] * sizes[2]);
        // Divide rather than multiply by 1/255: the quotient is correctly rounded, so 51 becomes exactly 0.2f.
        float divisor = options.ScaleToUnitRange ? 255f : 1f;
        for (int i = 0; i < data.Length; i++)
        {
            images.Data[i] = data[i] / divisor;
        }

        return images;
    }

    /// <summary>Reads a labels file.</summary>
    /// <param name="path">An idx1-ubyte file, raw or gzip.</param>
    /// <param name="options">Limits; <see langword="null"/> for the defaults.</param>
    /// <returns>One label (0..255) per item.</returns>
    /// <exception cref="DataFormatException">The file is not a valid IDX labels file.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static int[] ReadLabels(string path, IdxReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = File.OpenRead(path);
        return ReadLabels(stream, path, options);
    }

    /// <summary>Reads a labels file from a stream.</summary>
    /// <param name="stream">The bytes, raw or gzip; read to the end and left open.</param>
    /// <param name="sourceName">The name used in messages.</param>
    /// <param name="options">Limits.</param>
    /// <returns>One label (0..255) per item.</returns>
    /// <exception cref="DataFormatException">The data is not a valid IDX labels file.</exception>
    public static int[] ReadLabels(Stream stream, string sourceName, IdxReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        options ??= IdxReadOptions.Default;
        options.Validate();
        (_, byte[] data) = IdxPayload.Read(stream, sourceName, LabelsMagic, LabelDimensions, options.MaxDataBytes);
        return [.. data.Select(b => (int)b)];
    }

    /// <summary>Reads MNIST digits: images and labels as one classification dataset.</summary>
    /// <param name="imagesPath">The idx3-ubyte images file, raw or gzip.</param>
    /// <param name="labelsPath">The idx1-ubyte labels file, raw or gzip; one label 0..9 per image.</param>
    /// <param name="options">Scaling and limits.</param>
    /// <returns>Features named "pixel0".."pixelN−1", target "digit", classes "0".."9"; the source is the images file name.</returns>
    /// <exception cref="DataFormatException">Either file is invalid, the counts differ, or a label is above 9.</exception>
    /// <exception cref="IOException">A file cannot be opened.</exception>
    public static TabularDataset LoadDataset(string imagesPath, string labelsPath, IdxReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagesPath);
        ArgumentException.ThrowIfNullOrEmpty(labelsPath);
        using FileStream images = File.OpenRead(imagesPath);
        using FileStream labels = File.OpenRead(labelsPath);
        return LoadDataset(images, imagesPath, labels, labelsPath, Path.GetFileName(imagesPath), options);
    }

    internal static TabularDataset LoadDataset(Stream imagesStream, string imagesName, Stream labelsStream, string labelsName, string source, IdxReadOptions? options)
    {
        Matrix<float> images = ReadImages(imagesStream, imagesName, options);
        int[] labels = ReadLabels(labelsStream, labelsName, options);
        if (labels.Length != images.Rows)
        {
            throw new DataFormatException(labelsName, $"it has {MessageText.Count(labels.Length)} labels but the images file '{imagesName}' has {MessageText.Count(images.Rows)} images; each image needs one label");
        }

        int bad = Array.FindIndex(labels, label => label > 9);
        if (bad >= 0)
        {
            throw new DataFormatException(labelsName, $"label {MessageText.Count(bad)} (0-based) is {labels[bad]} but digit labels are 0..9");
        }

        string[] featureNames = [.. Enumerable.Range(0, images.Columns).Select(i => "pixel" + i.ToString(CultureInfo.InvariantCulture))];
        string[] classNames = [.. Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        return TabularDataset.ForClassification(source, images, featureNames, "digit", labels, classNames);
    }

    /// <summary>Whether a file looks like IDX rather than CSV: IDX starts with two zero bytes, or is gzip (1f 8b) with "idx" in
    /// its name; a CSV header never starts with a zero byte.</summary>
    /// <param name="path">An existing file.</param>
    /// <returns>True for (gzipped) IDX.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static bool IsIdx(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[2];
        int read = stream.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        return read == 2 && ((head[0] == 0 && head[1] == 0) || (head[0] == 0x1f && head[1] == 0x8b && path.Contains("idx", StringComparison.OrdinalIgnoreCase)));
    }
}
