namespace Perceptron.Playground.Tests.Support;

/// <summary>The page's colour scale (view.js), for checking pixels: −1 orange, 0 light grey, +1 blue.</summary>
internal static class PlaygroundColours
{
    private static readonly int[] Orange = [245, 147, 34], Middle = [232, 234, 235], Blue = [8, 119, 189];

    public static int[] Of(double value)
    {
        double v = Math.Clamp(value, -1, 1);
        int[] to = v < 0 ? Orange : Blue;
        double t = Math.Abs(v);
        return [.. Enumerable.Range(0, 3).Select(i => (int)Math.Round(Middle[i] + (to[i] - Middle[i]) * t))];
    }
}
