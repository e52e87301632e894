using ScottPlot;

namespace Perceptron.Cli.Pictures;

/// <summary>
/// A colormap for decision regions: position (k + c) / K is class k's colour, paler the lower the confidence c
/// (0: white-ish, 1: the full colour).
/// </summary>
internal sealed class ClassColormap(int classes) : IColormap
{
    /// <inheritdoc/>
    public string Name => "classes";

    /// <summary>The position of class k with confidence c in [0, 1].</summary>
    public double Position(int k, double confidence) => (k + (0.999 * Math.Clamp(confidence, 0, 1))) / classes;

    /// <inheritdoc/>
    public Color GetColor(double position)
    {
        if (double.IsNaN(position))
        {
            return Colors.Transparent;
        }

        double scaled = Math.Clamp(position, 0, 0.999999) * classes;
        int k = (int)scaled;
        double confidence = scaled - k;
        return Palette.Lighten(Palette.Class(k), 0.85 - (0.6 * confidence));
    }
}
