using System.Text;
using Perceptron.Serialization;
using ScottPlot;

namespace Perceptron.Cli.Pictures;

/// <summary>Writes a plot as PNG or SVG (by the file's extension), atomically: a failed write leaves no partial file.</summary>
internal static class PictureFile
{
    /// <summary>Renders <paramref name="plot"/> at the given size into <paramref name="path"/> (.png or .svg).</summary>
    /// <exception cref="UserException">The extension is neither .png nor .svg.</exception>
    public static void Save(Plot plot, string path, int width, int height) => Write(path, Format(path) switch
    {
        ".svg" => Encoding.UTF8.GetBytes(plot.GetSvgXml(width, height)),
        _ => plot.GetImageBytes(width, height, ImageFormat.Png),
    });

    /// <summary>Renders several plots in a grid (row by row) into one picture.</summary>
    public static void Save(IReadOnlyList<Plot> plots, int columns, string path, int width, int height)
    {
        var multiplot = new Multiplot();
        foreach (Plot plot in plots)
        {
            multiplot.AddPlot(plot);
        }

        multiplot.RemovePlot(multiplot.GetPlot(0));
        int rows = (plots.Count + columns - 1) / columns;
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        if (Format(path) == ".svg")
        {
            throw new UserException($"'{path}': this picture is a grid of plots, written as PNG only; use a .png file name.", CliApp.Usage);
        }

        Write(path, multiplot.Render(width, height).GetImageBytes(ImageFormat.Png));
    }

    /// <summary>The lower-case extension, checked to be .png or .svg.</summary>
    public static string Format(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".png" or ".svg"
            ? extension
            : throw new UserException($"'{path}': pictures are written as .png or .svg; give a file name ending in one of them.", CliApp.Usage);
    }

    private static void Write(string path, byte[] bytes)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        AtomicFile.Write(path, stream => stream.Write(bytes));
    }
}
