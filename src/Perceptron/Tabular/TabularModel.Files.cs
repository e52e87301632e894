using System.Globalization;
using Perceptron.Data;
using Perceptron.Tensors;

namespace Perceptron.Tabular;

public sealed partial class TabularModel
{
    /// <summary>Reads the rows to predict from a file: IDX images, or a CSV whose columns are matched to <see cref="FeatureNames"/>
    /// by name (a target column, if present, is ignored).</summary>
    /// <param name="path">A CSV file with a header row, or an IDX images file.</param>
    /// <returns>Rows × features, in the model's order, unscaled.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">A CSV is given but the model has no feature names to match its columns.</exception>
    /// <exception cref="DataFormatException">The file is malformed, lacks a feature (naming the row and column), or holds images of another size.</exception>
    public Matrix<float> ReadFeatures(string path)
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
                ? images
                : throw new DataFormatException(path, $"its images have {MessageText.Count(images.Columns)} pixels but the model takes {MessageText.Count(Network.Inputs)} inputs; give images of the size it was trained on");
        }

        return FeatureNames.Count > 0
            ? CsvLoader.LoadFeatures(path, FeatureNames, ignoredColumns: TargetName is null ? [] : [TargetName])
            : throw new ArgumentException("The model has no feature names, so CSV columns cannot be matched; retrain it with 'perceptron train'.", nameof(path));
    }

    /// <summary>Writes predictions as CSV: for a classifier, the predicted class then each class's probability
    /// (<c>class,p_setosa,…</c>); otherwise one column named after the target with each value.</summary>
    /// <param name="writer">Where to write; left open.</param>
    /// <param name="outputs">The output of <see cref="Predict(Matrix{float})"/>.</param>
    public void WritePredictions(TextWriter writer, Matrix<float> outputs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(outputs);
        bool classify = Task == TaskKind.Classification && ClassNames.Count == outputs.Columns;
        if (classify)
        {
            writer.WriteLine(string.Join(',', new[] { "class" }.Concat(ClassNames.Select(name => Quote("p_" + name)))));
            int[] classes = PredictedClasses(outputs);
            for (int row = 0; row < outputs.Rows; row++)
            {
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
            writer.WriteLine(Quote(TargetName ?? "prediction"));
            for (int row = 0; row < outputs.Rows; row++)
            {
                writer.WriteLine(string.Join(',', outputs.Row(row).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            }
        }
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
