using System.Runtime.InteropServices;
using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>Loading features only, for prediction with a model that knows its feature names.</summary>
public static partial class CsvLoader
{
    /// <summary>Loads a CSV file of features only (no target), with columns matched to a model's feature names.</summary>
    /// <param name="path">The CSV file; its header must hold exactly <paramref name="featureNames"/>, in any order.</param>
    /// <param name="featureNames">The names the model was trained on, in the model's column order.</param>
    /// <param name="options">Delimiter and limits; the target and task settings are ignored.</param>
    /// <returns>The features, one row per data row, columns in the order of <paramref name="featureNames"/>.</returns>
    /// <exception cref="DataFormatException">A name is missing or extra, or a cell is not a finite number.</exception>
    /// <exception cref="ArgumentException"><see cref="CsvLoadOptions.DropInvalidRows"/> is set: every row needs a prediction.</exception>
    /// <param name="ignoredColumns">Columns that may be present and are skipped unread (e.g. the target column of a labelled file).</param>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static Matrix<float> LoadFeatures(string path, IReadOnlyList<string> featureNames, CsvLoadOptions? options = null, IReadOnlyCollection<string>? ignoredColumns = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = OpenFile(path);
        return LoadFeatures(stream, path, featureNames, options, ignoredColumns);
    }

    /// <summary>Loads CSV text of features only from a stream.</summary>
    /// <param name="stream">The CSV bytes; read to the end and left open.</param>
    /// <param name="sourceName">The name used in messages.</param>
    /// <param name="featureNames">As for <see cref="LoadFeatures(string, IReadOnlyList{string}, CsvLoadOptions?, IReadOnlyCollection{string}?)"/>.</param>
    /// <param name="options">Delimiter and limits.</param>
    /// <returns>The features in the order of <paramref name="featureNames"/>.</returns>
    /// <exception cref="DataFormatException">The header does not match or a cell is invalid.</exception>
    /// <param name="ignoredColumns">Columns that may be present and are skipped unread.</param>
    /// <exception cref="ArgumentException">Bad options or feature names.</exception>
    public static Matrix<float> LoadFeatures(Stream stream, string sourceName, IReadOnlyList<string> featureNames, CsvLoadOptions? options = null, IReadOnlyCollection<string>? ignoredColumns = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        ArgumentNullException.ThrowIfNull(featureNames);
        options ??= CsvLoadOptions.Default;
        options.Validate();
        if (options.DropInvalidRows)
        {
            throw new ArgumentException("DropInvalidRows cannot be used when loading features for prediction: every row needs a prediction, so fix or remove bad rows first.", nameof(options));
        }

        using TextReader text = OpenText(stream);
        var reader = new CsvRecordReader(text, sourceName, options.MaxColumns);
        string[] header = ReadHeader(reader, sourceName, options.Delimiter);
        int[] destination = MatchColumns(header, featureNames, sourceName, ignoredColumns ?? []);

        var features = new List<float>();
        float[] row = new float[featureNames.Count];
        int rows = 0;
        while (reader.Read())
        {
            CheckWidth(reader, header.Length);
            for (int c = 0; c < header.Length; c++)
            {
                // Column c of the file goes to the model's column destination[c]; ignored columns are skipped unread.
                if (destination[c] < 0)
                {
                    continue;
                }

                string? problem = NumberCell.TryParse(reader[c], out row[destination[c]]);
                if (problem is not null)
                {
                    throw reader.Error(problem, c);
                }
            }

            CheckCells(reader, rows + 1L, row.Length, options.MaxCells);
            features.AddRange(row);
            rows++;
        }

        CheckNotEmpty(sourceName, rows, 0);
        return new Matrix<float>(rows, featureNames.Count, CollectionsMarshal.AsSpan(features).ToArray());
    }

    /// <summary>For each file column, its index in <paramref name="expected"/> (−1 for an ignored column); any missing or extra name is an error.</summary>
    private static int[] MatchColumns(string[] header, IReadOnlyList<string> expected, string sourceName, IReadOnlyCollection<string> ignored)
    {
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < expected.Count; i++)
        {
            if (!position.TryAdd(expected[i], i))
            {
                throw new ArgumentException($"The feature name '{expected[i]}' is given twice; the model's feature names must be unique.", nameof(expected));
            }
        }

        string[] missing = [.. expected.Except(header, StringComparer.Ordinal)];
        string[] extra = [.. header.Except(expected, StringComparer.Ordinal).Except(ignored, StringComparer.Ordinal)];
        if (missing.Length > 0 || extra.Length > 0)
        {
            string problem = missing.Length > 0 ? $"the model's features {ListNames(missing)} are missing" : "";
            problem += extra.Length > 0 ? $"{(problem.Length > 0 ? "; " : "")}the columns {ListNames(extra)} are not features of the model (remove them, including any target column)" : "";
            throw new DataFormatException(sourceName, $"the header does not match the model: {problem}", 1);
        }

        return [.. header.Select(name => position.TryGetValue(name, out int index) ? index : -1)];
    }
}
