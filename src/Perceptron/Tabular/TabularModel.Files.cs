using System.Globalization;
using Perceptron.Data;
using Perceptron.Tensors;

namespace Perceptron.Tabular;

public sealed partial class TabularModel
{
    /// <summary>Reads the rows to predict from a file: IDX images, or a CSV whose columns are matched to <see cref="FeatureNames"/>
    /// by name (a target column, and any other column, is skipped).</summary>
    /// <param name="path">A CSV file (gzip-compressed or not), or an IDX images file.</param>
    /// <returns>Rows × features, in the model's raw form (see <see cref="Predict(Matrix{float})"/>).</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">A CSV is given but the model has no feature names to match its columns.</exception>
    /// <exception cref="DataFormatException">The file is malformed, lacks a feature (naming the row and column), or holds images of another size.</exception>
    public Matrix<float> ReadFeatures(string path) => ReadRows(path).Features;

    /// <summary>Reads the rows to predict with what a user should hear about them: columns skipped, categories the model
    /// never saw, missing cells; and the columns to copy into the predictions (<paramref name="keep"/>).</summary>
    /// <param name="path">A CSV file (gzip-compressed or not), or an IDX images file.</param>
    /// <param name="options">The CSV dialect (delimiter, decimal separator, missing-value markers…); null for the defaults.</param>
    /// <param name="keep">Columns to copy as text into <see cref="FeatureRows.KeptValues"/>.</param>
    /// <returns>The rows in the model's raw form.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">A CSV is given but the model has no feature names to match its columns.</exception>
    /// <exception cref="DataFormatException">The file is malformed, lacks a feature, or holds images of another size.</exception>
    public FeatureRows ReadRows(string path, CsvLoadOptions? options = null, IReadOnlyList<string>? keep = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist; give a CSV file with the columns {string.Join(", ", FeatureNames)}.", path);
        }

        if (IdxReader.IsIdx(path))
        {
            Matrix<float> images = IdxReader.ReadImages(path);
            return images.Columns == Network.Inputs
                ? new FeatureRows(images, Columns, [], [], [], new Dictionary<string, int>(), new Dictionary<string, IReadOnlyList<string>>(), [])
                : throw new DataFormatException(path, $"its images have {MessageText.Count(images.Columns)} pixels but the model takes {MessageText.Count(Network.Inputs)} inputs; give images of the size it was trained on");
        }

        if (FeatureNames.Count == 0)
        {
            throw new ArgumentException("The model has no feature names, so CSV columns cannot be matched; retrain it with 'perceptron train'.", nameof(path));
        }

        options ??= CsvLoadOptions.Default;
        return CsvLoader.LoadFeatures(path, Columns, options with { Ignore = TargetName is null ? options.Ignore : [.. options.Ignore, TargetName] }, keep);
    }

    /// <summary>Options that load a labelled file in this model's schema (to evaluate it): the model's target and task, its
    /// features only, each read as the model reads it (numbers, or categories).</summary>
    /// <param name="dialect">The file's dialect and row handling (delimiter, missing-value markers, dropping invalid rows…); null for the defaults.</param>
    /// <returns>The options for <see cref="CsvLoader.Load(string, CsvLoadOptions?)"/>.</returns>
    public CsvLoadOptions LoadOptions(CsvLoadOptions? dialect = null) => (dialect ?? CsvLoadOptions.Default) with
    {
        TargetName = TargetName,
        TargetIndex = null,
        Task = Task,
        Features = FeatureNames.Count > 0 ? [.. FeatureNames] : null,
        Ignore = [],
        Categorical = [.. Columns.Where(c => c.Kind == ColumnKind.Categorical).Select(c => c.Name)],
        Numeric = FeatureNames.Count > 0 ? [.. Columns.Where(c => c.Kind == ColumnKind.Numeric).Select(c => c.Name)] : [],
        AutoColumns = false,
    };

    /// <summary>Writes predictions as CSV: for a classifier, the predicted class then each class's probability
    /// (<c>class,p_setosa,…</c>); otherwise one column named after the target with each value.</summary>
    /// <param name="writer">Where to write; left open.</param>
    /// <param name="outputs">The output of <see cref="Predict(Matrix{float})"/>.</param>
    /// <param name="rows">The rows predicted, whose kept columns (<see cref="FeatureRows.KeptNames"/>) come first on each line; null for none.</param>
    public void WritePredictions(TextWriter writer, Matrix<float> outputs, FeatureRows? rows = null) => WritePredictions(writer, outputs, rows, header: true);

    /// <summary>Predicts every row of a file and writes each prediction as it goes (the CSV <see cref="WritePredictions(TextWriter, Matrix{float}, FeatureRows?)"/>
    /// writes, one line per input row, in order), reading the input in chunks of <paramref name="chunkRows"/>: memory holds
    /// one chunk whatever the file's size. IDX images are read whole.</summary>
    /// <param name="path">A CSV file (gzip-compressed or not) with the model's feature columns, or an IDX images file.</param>
    /// <param name="writer">Where to write the predictions; left open. On an error part of them may have been written:
    /// write to a temporary file and rename it at the end (<see cref="Serialization.AtomicFile"/>) to leave nothing partial.</param>
    /// <param name="options">The CSV dialect; null for the defaults.</param>
    /// <param name="keep">Columns to copy into each prediction line, before the predicted columns.</param>
    /// <param name="chunkRows">Rows predicted together, ≥ 1.</param>
    /// <returns>What a user should hear about the rows (columns skipped, unknown categories, missing cells) and <see cref="FeatureRows.Rows"/>;
    /// its <see cref="FeatureRows.Features"/> hold no rows.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is malformed or lacks a feature (naming the line and column).</exception>
    /// <exception cref="ArgumentException">A prediction is not finite, or the model has no feature names to match a CSV's columns.</exception>
    public FeatureRows PredictFile(string path, TextWriter writer, CsvLoadOptions? options = null, IReadOnlyList<string>? keep = null, int chunkRows = 4096)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        if (!File.Exists(path) || IdxReader.IsIdx(path) || FeatureNames.Count == 0)
        {
            FeatureRows rows = ReadRows(path, options, keep); // the same checks and messages; IDX images are read whole
            WritePredictions(writer, Predict(rows.Features), rows);
            return rows;
        }

        options ??= CsvLoadOptions.Default;
        bool header = true;
        long firstRow = 0;
        return CsvLoader.StreamFeatures(path, Columns, options with { Ignore = TargetName is null ? options.Ignore : [.. options.Ignore, TargetName] }, keep ?? [], chunkRows, chunk =>
        {
            WritePredictions(writer, Predict(chunk.Features, firstRow), chunk, header);
            header = false;
            firstRow += chunk.Features.Rows;
        });
    }

    private void WritePredictions(TextWriter writer, Matrix<float> outputs, FeatureRows? rows, bool header)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(outputs);
        bool classify = Task == TaskKind.Classification && ClassNames.Count == outputs.Columns;
        string kept = rows is { KeptNames.Count: > 0 } ? string.Join(',', rows.KeptNames.Select(Quote)) + "," : "";
        string Prefix(int row) => kept.Length == 0 ? "" : string.Join(',', rows!.KeptValues[row].Select(Quote)) + ",";
        if (classify)
        {
            if (header)
            {
                writer.WriteLine(kept + string.Join(',', new[] { "class" }.Concat(ClassNames.Select(name => Quote("p_" + name)))));
            }

            int[] classes = PredictedClasses(outputs);
            for (int row = 0; row < outputs.Rows; row++)
            {
                writer.Write(Prefix(row));
                writer.Write(Quote(ClassNames[classes[row]]));
                foreach (float p in outputs.Row(row))
                {
                    writer.Write(',');
                    writer.Write(p.ToString("0.######", CultureInfo.InvariantCulture));
                }

                writer.WriteLine();
            }
        }
        else
        {
            if (header)
            {
                writer.WriteLine(kept + Quote(TargetName ?? "prediction"));
            }

            for (int row = 0; row < outputs.Rows; row++)
            {
                writer.WriteLine(Prefix(row) + string.Join(',', outputs.Row(row).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            }
        }
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
