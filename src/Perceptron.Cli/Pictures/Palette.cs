using ScottPlot;

namespace Perceptron.Cli.Pictures;

/// <summary>The colours every picture uses, so a class or a sign looks the same everywhere.</summary>
internal static class Palette
{
    private static readonly Color[] ClassColors =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"), Color.FromHex("#9467bd"),
        Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"), Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    /// <summary>Positive weights and values.</summary>
    public static Color Positive { get; } = Color.FromHex("#1f77b4");

    /// <summary>Negative weights and values.</summary>
    public static Color Negative { get; } = Color.FromHex("#d62728");

    /// <summary>The "before" series.</summary>
    public static Color Before { get; } = Color.FromHex("#d62728");

    /// <summary>The "after" series.</summary>
    public static Color After { get; } = Color.FromHex("#1f77b4");

    // The variants' colours: the class colours other than Before's red and After's blue.
    private static readonly Color[] VariantColors = [.. ClassColors.Where(color => color != Before && color != After)];

    /// <summary>Class k's colour (ten, then repeating).</summary>
    public static Color Class(int k) => ClassColors[k % ClassColors.Length];

    /// <summary>The colour of column i of a lesson (before, after, then the variants).</summary>
    public static Color Variant(int column) => column switch
    {
        0 => Before,
        1 => After,
        _ => VariantColors[(column - 2) % VariantColors.Length],
    };

    /// <summary><paramref name="color"/> mixed with white: 0 keeps the colour, 1 gives white.</summary>
    public static Color Lighten(Color color, double amount)
    {
        double keep = 1 - Math.Clamp(amount, 0, 1);
        return new Color((byte)(255 - ((255 - color.R) * keep)), (byte)(255 - ((255 - color.G) * keep)), (byte)(255 - ((255 - color.B) * keep)));
    }

    /// <summary>A unit's fill for its activation in [−1, 1]: amber above 0, violet below, white at 0.</summary>
    public static Color Activation(double value) => value >= 0
        ? Lighten(Color.FromHex("#f0a500"), 1 - Math.Min(value, 1))
        : Lighten(Color.FromHex("#7b3fa0"), 1 - Math.Min(-value, 1));

    /// <summary>A diverging colour for a value in [−1, 1]: red below 0, white at 0, blue above.</summary>
    public static Color Diverging(double value) => value >= 0 ? Lighten(Positive, 1 - Math.Min(value, 1)) : Lighten(Negative, 1 - Math.Min(-value, 1));
}
