using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Perceptron.Cli;

/// <summary>Builders for options shared by several commands, with validation that names the option.</summary>
internal static class Options
{
    /// <summary>An integer option that must be at least <paramref name="minimum"/>.</summary>
    public static Option<int> Int(string name, string description, int defaultValue, int minimum)
    {
        return new Option<int>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
                {
                    result.AddError($"{name} expects a whole number; got '{text}'.");
                }
                else if (value < minimum)
                {
                    result.AddError($"{name} must be at least {minimum}; got {value}.");
                }

                return value;
            },
        };
    }

    /// <summary>A floating-point option that must be finite and greater than zero.</summary>
    public static Option<double> PositiveDouble(string name, string description, double defaultValue)
    {
        return new Option<double>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    result.AddError($"{name} expects a number such as 0.01; got '{text}'.");
                }
                else if (!double.IsFinite(value) || value <= 0)
                {
                    result.AddError($"{name} must be a finite number greater than 0; got {text}.");
                }

                return value;
            },
        };
    }

    /// <summary>An optional floating-point option (null when absent) that must be finite and greater than zero.</summary>
    public static Option<double?> OptionalPositiveDouble(string name, string description)
    {
        return new Option<double?>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value <= 0)
                {
                    result.AddError($"{name} must be a finite number greater than 0; got '{text}'.");
                }

                return value;
            },
        };
    }

    /// <summary>A comma-separated list of layer sizes such as "64,32"; each must be ≥ 1.</summary>
    public static Option<int[]> LayerSizes(string name, string description, int[] defaultValue)
    {
        return new Option<int[]>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => ParseLayerSizes(name, result),
        };
    }

    private static int[] ParseLayerSizes(string name, ArgumentResult result)
    {
        string text = string.Join(',', result.Tokens.Select(token => token.Value));
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
            {
                result.AddError($"{name} expects layer sizes such as 64,32 (whole numbers ≥ 1); '{parts[i]}' is not one.");
                return [];
            }
        }

        return sizes;
    }
}
