using System.Globalization;

namespace Perceptron.Cli.Lessons;

/// <summary>How lesson numbers are printed: the same text on the terminal, in facts and on the pages.</summary>
internal static class LessonFormat
{
    /// <summary>Three significant digits; scientific below 0.001 or from 100,000 (e.g. 0.0385, 3.85e-06, 1.20e+07).</summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : "−∞";
        }

        double magnitude = Math.Abs(value);
        if (magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5))
        {
            return value.ToString("0.00e+00", CultureInfo.InvariantCulture);
        }

        // Three significant digits in fixed notation.
        int decimals = magnitude == 0 ? 0 : Math.Max(0, 2 - (int)Math.Floor(Math.Log10(magnitude)));
        return Math.Round(value, decimals).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Accuracy as a percentage with one decimal ("94.4 %"); R² with four decimals ("0.9917"), or "below -99999"
    /// for predictions so far off (a diverged run's) that the digits would say nothing.</summary>
    public static string Metric(string metric, double value) => metric == "accuracy"
        ? (100 * value).ToString("0.0", CultureInfo.InvariantCulture) + " %"
        : value < -99_999 ? "below -99999" : value.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>The metric's name as a row label: "accuracy" or "R²".</summary>
    public static string MetricLabel(string metric) => metric == "accuracy" ? "accuracy" : "R²";

    /// <summary>The threshold in the metric's format.</summary>
    public static string Threshold(string metric, double value) => metric == "accuracy"
        ? (100 * value).ToString("0.#", CultureInfo.InvariantCulture) + " %"
        : value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A whole number with thousands separators ("128,000").</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Seconds with two decimals.</summary>
    public static string Time(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    /// <summary>The loss's name in words.</summary>
    public static string LossName(string loss) => loss switch
    {
        "mse" => "MSE",
        "sparse_categorical_crossentropy" => "cross-entropy",
        _ => loss,
    };
}
