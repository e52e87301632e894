using System.Globalization;
using Perceptron.Data;

namespace Perceptron.Cli;

/// <summary>What a user should hear about the data before training or predicting, one line each.</summary>
internal static class DataReport
{
    /// <summary>The loader's notes, then the categorical columns and the missing cells (and how they will be filled).</summary>
    public static IEnumerable<string> Lines(TabularDataset data, ImputeStrategy impute)
    {
        foreach (string note in data.Notes)
        {
            yield return note;
        }

        FeatureColumn[] categorical = [.. data.Columns.Where(c => c.Kind == ColumnKind.Categorical)];
        if (categorical.Length > 0)
        {
            yield return $"categorical (one-hot encoded): {Join(categorical.Select(c => $"'{c.Name}' ({Count(c.Categories.Count, "category", "categories")})"))}";
        }

        int columns = data.Features.Columns;
        int[] missing = new int[columns];
        foreach (int i in Enumerable.Range(0, data.Features.Data.Length).Where(i => float.IsNaN(data.Features.Data[i])))
        {
            missing[i % columns]++;
        }

        if (missing.Any(m => m > 0))
        {
            string how = impute switch { ImputeStrategy.Mean => "mean", ImputeStrategy.MostFrequent => "most frequent value", _ => "median" };
            var counts = Enumerable.Range(0, columns).Where(c => missing[c] > 0).OrderByDescending(c => missing[c])
                .Select(c => $"'{data.FeatureNames[c]}' {Count(missing[c], "cell", "cells")}");
            yield return $"missing values, filled with the training rows' {how} (categories: the most frequent; --impute to choose): {Join(counts)}";
        }
    }

    /// <summary>What a user should hear about rows read for prediction: layout notes, columns skipped, unseen categories, missing cells.</summary>
    public static IEnumerable<string> Lines(FeatureRows rows)
    {
        foreach (string note in rows.Notes)
        {
            yield return note;
        }

        if (rows.ExtraColumns.Count > 0)
        {
            yield return $"skipped {Count(rows.ExtraColumns.Count, "column", "columns")} the model does not use: {Join(rows.ExtraColumns.Select(c => $"'{c}'"))}";
        }

        foreach (var (column, cells) in rows.UnseenCells)
        {
            string examples = string.Join(", ", rows.UnseenExamples[column].Select(e => $"'{e}'"));
            yield return $"warning: {Count(cells, "cell", "cells")} of '{column}' {(cells == 1 ? "holds a category" : "hold categories")} the model never saw ({examples}{(rows.UnseenExamples[column].Count < cells ? ", …" : "")}); they are encoded as 'other' or as no category";
        }

        if (rows.MissingCells > 0)
        {
            yield return $"{Count(rows.MissingCells, "missing cell", "missing cells")} filled in as in training";
        }
    }

    private static string Count(int count, string one, string many) => $"{count.ToString("N0", CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}";

    /// <summary>At most 10 items, then "and N more".</summary>
    private static string Join(IEnumerable<string> items)
    {
        string[] all = [.. items];
        return all.Length <= 10 ? string.Join(", ", all) : $"{string.Join(", ", all.Take(10))} and {all.Length - 10} more";
    }
}
