using System.Globalization;
using Perceptron.Data;
using Perceptron.Serialization;
using Perceptron.Tabular;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing.Processors.Quantization;
using GifImage = SixLabors.ImageSharp.Image;

namespace Perceptron.Cli.Pictures;

/// <summary>
/// The decision regions as training goes: one PNG frame per recorded epoch, and the frames as an animated GIF.
/// </summary>
/// <remarks>
/// The GIF is encoded by SixLabors.ImageSharp 2.1 (Apache-2.0, fully managed; ScottPlot's Skia renders frames but
/// cannot write GIFs). Only frames this program rendered are decoded and encoded.
/// </remarks>
internal static class TrainingAnimation
{
    /// <summary>Frames a training animation shows at most.</summary>
    public const int MaxFrames = 24;

    /// <summary>
    /// The epochs to animate: every epoch of a short run, else <see cref="MaxFrames"/> spaced about evenly on a log scale
    /// (the regions change fastest early), always ending with the last.
    /// </summary>
    public static IReadOnlySet<int> FrameEpochs(int epochs)
    {
        var frames = new SortedSet<int>();
        int count = Math.Min(epochs, MaxFrames), previous = 0;
        for (int i = 0; i < count; i++)
        {
            int epoch = count == 1 ? epochs : (int)Math.Round(Math.Pow(epochs, i / (count - 1.0)));
            previous = Math.Min(epochs, Math.Max(previous + 1, epoch));
            frames.Add(previous);
        }

        return frames;
    }

    /// <summary>Hundredths of a second each frame shows; the last frame stays four times as long.</summary>
    public const int FrameDelay = 25;

    /// <summary>
    /// Renders the regions of <paramref name="model"/> with the parameters of each snapshot, in epoch order, into
    /// <paramref name="folder"/> (frame-001.png, …) and <paramref name="gifPath"/>; the model keeps its own parameters.
    /// </summary>
    /// <returns>The files written, the GIF last.</returns>
    public static IReadOnlyList<string> Write(TabularModel model, IReadOnlyDictionary<int, float[]> snapshots, TabularDataset data, string title, string folder, string gifPath)
    {
        if (snapshots.Count == 0)
        {
            throw new UserException("There are no recorded epochs to animate.");
        }

        object final = model.Network.SnapshotParameters();
        var written = new List<string>();
        var frames = new List<byte[]>();
        try
        {
            var picture = new BoundaryPicture(NetworkView.Of(model), data, gridSize: 80);
            int index = 0;
            foreach (var (epoch, parameters) in snapshots.OrderBy(pair => pair.Key))
            {
                model.Network.RestoreParameters(parameters);
                var plot = picture.Build(string.Create(CultureInfo.InvariantCulture, $"{title}: epoch {epoch}"));
                byte[] png = plot.GetImageBytes(400, 350, ScottPlot.ImageFormat.Png);
                string frame = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"frame-{++index:000}.png"));
                Directory.CreateDirectory(folder);
                AtomicFile.Write(frame, stream => stream.Write(png));
                written.Add(frame);
                frames.Add(png);
            }
        }
        finally
        {
            model.Network.RestoreParameters(final);
        }

        AtomicFile.Write(gifPath, stream => EncodeGif(frames, stream));
        written.Add(gifPath);
        return written;
    }

    /// <summary>Encodes PNG frames as a looping GIF, each frame with its own palette (the regions change colour as training goes).</summary>
    public static void EncodeGif(IReadOnlyList<byte[]> pngFrames, Stream output)
    {
        using var gif = GifImage.Load<Rgba32>(pngFrames[0]);
        gif.Metadata.GetGifMetadata().RepeatCount = 0;
        gif.Frames.RootFrame.Metadata.GetGifMetadata().FrameDelay = pngFrames.Count == 1 ? 4 * FrameDelay : FrameDelay;
        for (int i = 1; i < pngFrames.Count; i++)
        {
            using var next = GifImage.Load<Rgba32>(pngFrames[i]);
            var frame = gif.Frames.AddFrame(next.Frames.RootFrame);
            frame.Metadata.GetGifMetadata().FrameDelay = i == pngFrames.Count - 1 ? 4 * FrameDelay : FrameDelay;
        }

        gif.SaveAsGif(output, new GifEncoder
        {
            ColorTableMode = GifColorTableMode.Local,

            // No dithering: the regions are flat colours, and dither noise would triple the file.
            Quantizer = new WuQuantizer(new QuantizerOptions { Dither = null, MaxColors = 48 }),
        });
    }
}
