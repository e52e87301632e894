namespace Perceptron.Cli;

/// <summary>"Did you mean …?": the known word closest to a mistyped one.</summary>
internal static class Suggestions
{
    /// <summary>The candidate nearest to <paramref name="typed"/> by edit distance (a swap of two neighbours counts as one
    /// edit), if it is near enough to be a typo: at most a third of the word's length, and at least 1, away; or the one
    /// candidate <paramref name="typed"/> begins (e.g. --learning for --learning-rate).</summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        string[] known = [.. candidates.Distinct(StringComparer.Ordinal)];
        string word = typed.ToLowerInvariant();
        int allowed = Math.Max(1, word.TrimStart('-').Length / 3);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in known)
        {
            int distance = Distance(word, candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        if (best is not null && bestDistance <= allowed)
        {
            return best;
        }

        string[] extensions = [.. known.Where(candidate => word.Trim('-').Length >= 3 && candidate.StartsWith(word, StringComparison.OrdinalIgnoreCase))];
        return extensions.Length == 1 ? extensions[0] : null;
    }

    /// <summary>The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of adjacent letters.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
