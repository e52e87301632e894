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
            CustomParser = result => ParseLayerSizes(name, string.Join(',', result.Tokens.Select(token => token.Value)), result.AddError) ?? [],
        };
    }

    /// <summary>Layer sizes such as "64,32" (null when absent: the caller applies <paramref name="defaultValue"/>, which the help shows
    /// as written, 64,32, where a default list would show as 64|32).</summary>
    public static Option<int[]?> LayerList(string name, string description, IReadOnlyList<int> defaultValue)
    {
        return new Option<int[]?>(name)
        {
            Description = $"{description} [default: {string.Join(',', defaultValue)}]",
            CustomParser = result => ParseLayerSizes(name, string.Join(',', result.Tokens.Select(token => token.Value)), result.AddError),
        };
    }

    /// <summary>Parses "64,32": at least one size, no empty entries, each a whole number ≥ 1; null (and an error) otherwise.</summary>
    public static int[]? ParseLayerSizes(string name, string text, Action<string> error)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (text.Trim().Length == 0)
        {
            error($"{name} needs at least one layer size, such as 64,32; got an empty list.");
            return null;
        }

        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0)
            {
                error($"{name} expects layer sizes such as 64,32; '{text}' has an empty entry.");
                return null;
            }

            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
            {
                error($"{name} expects layer sizes such as 64,32 (whole numbers ≥ 1); '{parts[i]}' is not one.");
                return null;
            }
        }

        return sizes;
    }

    /// <summary>A floating-point option that must be finite and ≥ 0.</summary>
    public static Option<double> NonNegativeDouble(string name, string description, double defaultValue)
    {
        return new Option<double>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value < 0)
                {
                    result.AddError($"{name} must be a finite number ≥ 0; got '{text}'.");
                }

                return value;
            },
        };
    }

    /// <summary>A fraction in [0, 1).</summary>
    public static Option<double> Fraction(string name, string description, double defaultValue)
    {
        return new Option<double>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value is >= 0 and < 1))
                {
                    result.AddError($"{name} must be a number in [0, 1); got '{text}'.");
                }

                return value;
            },
        };
    }

    /// <summary>A word from a fixed list (case-insensitive; the value read is the list's spelling), with a "did you mean"
    /// for near misses; <paramref name="refusals"/> maps values that exist but do not fit here to the reason.</summary>
    public static Option<string> Choice(string name, string description, IReadOnlyList<string> choices, string? defaultValue,
        IReadOnlyDictionary<string, string>? refusals = null)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                string? match = choices.FirstOrDefault(choice => string.Equals(choice, text, StringComparison.OrdinalIgnoreCase));
                if (match is not null)
                {
                    return match;
                }

                if (refusals is not null && refusals.TryGetValue(text.ToLowerInvariant(), out string? reason))
                {
                    result.AddError($"{name} {text}: {reason}");
                }
                else
                {
                    string? suggestion = Suggestions.Closest(text, choices);
                    result.AddError($"{name} must be one of {string.Join(", ", choices)}; got '{text}'{(suggestion is null ? "." : $"; did you mean '{suggestion}'?")}");
                }

                return text;
            },
        };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        return option;
    }

    /// <summary>Several numbers, comma- or space-separated ("1e-3,1e-2" or "1e-3 1e-2"); null when absent. Each must pass
    /// <paramref name="valid"/>, described by <paramref name="expected"/>.</summary>
    public static Option<double[]?> NumberList(string name, string description, IReadOnlyList<double> defaultValue, Func<double, bool> valid, string expected)
    {
        return new Option<double[]?>(name)
        {
            Description = $"{description} [default: {string.Join(',', defaultValue.Select(v => v.ToString(CultureInfo.InvariantCulture)))}]",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
            CustomParser = result =>
            {
                string[] parts = [.. result.Tokens.SelectMany(token => token.Value.Split(',', StringSplitOptions.TrimEntries))];
                var values = new double[parts.Length];
                for (int i = 0; i < parts.Length; i++)
                {
                    if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !valid(values[i]))
                    {
                        result.AddError($"{name} expects numbers {expected}, such as {string.Join(',', defaultValue.Take(2).Select(v => v.ToString(CultureInfo.InvariantCulture)))}; '{parts[i]}' is not one.");
                        return null;
                    }
                }

                return values;
            },
        };
    }

    /// <summary>Several layer lists, space- or ';'-separated ("32 64,32" or "32;64,32"); null when absent.</summary>
    public static Option<int[][]?> LayerLists(string name, string description, IReadOnlyList<IReadOnlyList<int>> defaultValue)
    {
        return new Option<int[][]?>(name)
        {
            Description = $"{description} [default: {string.Join(' ', defaultValue.Select(layers => string.Join(',', layers)))}]",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
            CustomParser = result =>
            {
                var lists = new List<int[]>();
                foreach (string text in result.Tokens.SelectMany(token => token.Value.Split(';')))
                {
                    if (ParseLayerSizes(name, text, result.AddError) is not int[] sizes)
                    {
                        return null;
                    }

                    lists.Add(sizes);
                }

                return [.. lists];
            },
        };
    }
}
