using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>Rows read for prediction in a model's schema (<see cref="CsvLoader.LoadFeatures(string, IReadOnlyList{FeatureColumn}, CsvLoadOptions?, IReadOnlyList{string}?)"/>),
/// with what a user should hear about them: extra columns skipped, categories the model never saw, missing cells.</summary>
public sealed class FeatureRows
{
    internal FeatureRows(Matrix<float> features, IReadOnlyList<FeatureColumn> columns, IReadOnlyList<string> extraColumns,
        IReadOnlyList<string> keptNames, IReadOnlyList<string[]> keptValues, IReadOnlyDictionary<string, int> unseenCells,
        IReadOnlyDictionary<string, IReadOnlyList<string>> unseenExamples, IReadOnlyList<string> notes)
    {
        (Features, Columns, ExtraColumns, KeptNames, KeptValues, UnseenCells, UnseenExamples, Notes) =
            (features, columns, extraColumns, keptNames, keptValues, unseenCells, unseenExamples, notes);
    }

    /// <summary>Rows × <see cref="Columns"/>: numbers, category indices (a category the schema does not know is
    /// <c>Categories.Count</c>), and NaN for missing cells.</summary>
    public Matrix<float> Features { get; }

    /// <summary>The schema the rows were read in.</summary>
    public IReadOnlyList<FeatureColumn> Columns { get; }

    /// <summary>Columns of the file that are not features (and were neither kept nor ignored): skipped unread.</summary>
    public IReadOnlyList<string> ExtraColumns { get; }

    /// <summary>The columns copied as they are (<c>predict --keep</c>).</summary>
    public IReadOnlyList<string> KeptNames { get; }

    /// <summary>For each row, the text of each kept column.</summary>
    public IReadOnlyList<string[]> KeptValues { get; }

    /// <summary>For each categorical column with categories the schema does not know, how many cells hold one.</summary>
    public IReadOnlyDictionary<string, int> UnseenCells { get; }

    /// <summary>For the same columns, the first few unknown categories (at most 5), for messages.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> UnseenExamples { get; }

    /// <summary>Number of missing (NaN) cells.</summary>
    public int MissingCells => StreamedMissingCells ?? Features.Data.Count(float.IsNaN);

    /// <summary>Rows read: those of <see cref="Features"/>, or for a file predicted by streaming (which keeps none), every row it held.</summary>
    public int Rows => StreamedRows ?? Features.Rows;

    /// <summary>For a streamed read, the rows read; null otherwise.</summary>
    internal int? StreamedRows { get; init; }

    /// <summary>For a streamed read, the missing cells read; null otherwise.</summary>
    internal int? StreamedMissingCells { get; init; }

    /// <summary>What was recognised in the file's layout (no header, a counts line, short rows).</summary>
    public IReadOnlyList<string> Notes { get; }
}
