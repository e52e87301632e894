using System.Globalization;

namespace Perceptron.Data;

/// <summary>Which column is the target and which are features: names or 0-based indices from the options.</summary>
public static partial class CsvLoader
{
    private static int ResolveTarget(string[] names, CsvLoadOptions options, string sourceName)
    {
        if (options.TargetName is { } name)
        {
            int index = Array.IndexOf(names, name);
            return index >= 0 ? index : throw new DataFormatException(sourceName,
                $"the target column '{name}' is not in the {(names.Length > 0 && names[0] == "x0" ? "file (its columns are named x0, x1, …)" : "header")}; the columns are {ListNames(names)}{Closest(name, names)}");
        }

        if (options.TargetIndex is int i && i >= names.Length)
        {
            throw new DataFormatException(sourceName, $"the target index {i} is past the last column (the file has {names.Length} columns, indices 0..{names.Length - 1})");
        }

        return options.TargetIndex ?? names.Length - 1;
    }

    /// <summary>The feature columns in file order, each with its declaration, ready to be profiled.</summary>
    private static ColumnProfile[] SelectFeatures(string[] names, int target, CsvLoadOptions options, string sourceName)
    {
        int Resolve(string reference, string option)
        {
            int index = Array.IndexOf(names, reference);
            if (index < 0 && int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number < names.Length)
            {
                index = number;
            }

            return index >= 0 ? index : throw new DataFormatException(sourceName,
                $"{option} names '{reference}', which is not a column of the file; the columns are {ListNames(names)}{Closest(reference, names)}");
        }

        HashSet<int> ignored = [.. options.Ignore.Select(r => Resolve(r, "--ignore"))];
        HashSet<int>? listed = options.Features is null ? null : [.. options.Features.Select(r => Resolve(r, "--features"))];
        HashSet<int> categorical = [.. options.Categorical.Select(r => Resolve(r, "--categorical"))];
        HashSet<int> numeric = [.. options.Numeric.Select(r => Resolve(r, "the numeric column list"))];
        foreach (var (set, option) in new[] { (ignored, "--ignore"), (listed ?? [], "--features"), (categorical, "--categorical"), (numeric, "the numeric column list") })
        {
            if (set.Contains(target))
            {
                throw new DataFormatException(sourceName, $"{option} names '{names[target]}', the target column; the target is never a feature (choose another with --target)");
            }
        }

        int[] features = [.. Enumerable.Range(0, names.Length).Where(c => c != target && !ignored.Contains(c) && (listed is null || listed.Contains(c)))];
        string? notFeature = categorical.Concat(numeric).Where(c => !features.Contains(c)).Select(c => names[c]).FirstOrDefault();
        if (notFeature is not null)
        {
            throw new DataFormatException(sourceName, $"'{notFeature}' is declared categorical or numeric but is not a feature (it is ignored, or not in --features)");
        }

        if (features.Length == 0)
        {
            throw new DataFormatException(sourceName, $"no feature columns are left: the file has {ListNames(names)}, the target is '{names[target]}' and the rest are ignored");
        }

        return [.. features.Select(c => new ColumnProfile(names[c], c,
            categorical.Contains(c) ? ColumnDeclaration.Categorical : numeric.Contains(c) ? ColumnDeclaration.Numeric : ColumnDeclaration.Inferred,
            listed is not null))];
    }

    /// <summary>Names for a message: quoted, comma-separated, at most 20 then "and N more".</summary>
    private static string ListNames(IReadOnlyCollection<string> names)
    {
        const int MaxListed = 20;
        string listed = string.Join(", ", names.Take(MaxListed).Select(n => MessageText.Quote(n)));
        return names.Count > MaxListed ? $"{listed} and {names.Count - MaxListed} more" : listed;
    }

    /// <summary>"; did you mean 'Sepal.Length'?" when one name is close (case or a small typo), else nothing.</summary>
    private static string Closest(string wanted, IEnumerable<string> names)
    {
        string? best = names.Where(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase)
                || (wanted.Length >= 3 && EditDistance(n.ToLowerInvariant(), wanted.ToLowerInvariant()) <= Math.Max(1, wanted.Length / 4)))
            .OrderBy(n => EditDistance(n, wanted)).FirstOrDefault();
        return best is null ? "" : $"; did you mean {MessageText.Quote(best)}?";
    }

    private static int EditDistance(string a, string b)
    {
        int[] previous = [.. Enumerable.Range(0, b.Length + 1)], current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
