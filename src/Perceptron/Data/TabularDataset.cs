using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>A table of numeric features with one target per row: what the loaders return and a model trains on.</summary>
/// <remarks>
/// <see cref="Features"/> is rows × features. For <see cref="TaskKind.Classification"/>, <see cref="Labels"/> holds a
/// class index per row into <see cref="ClassNames"/> and <see cref="Targets"/> is <see langword="null"/>; for
/// <see cref="TaskKind.Regression"/>, <see cref="Targets"/> holds the value per row and the label members are
/// <see langword="null"/>. The features are raw: a missing cell is NaN, and a categorical column (<see cref="Columns"/>)
/// holds each cell's category index; <c>FeaturePipeline</c> imputes, one-hot encodes and scales them for a network.
/// </remarks>
public sealed class TabularDataset
{
    private TabularDataset(string source, Matrix<float> features, IReadOnlyList<string> featureNames, string targetName, TaskKind task,
        int[]? labels, IReadOnlyList<string>? classNames, float[]? targets, int droppedRows, IReadOnlyList<FeatureColumn>? columns = null, LoadFacts? facts = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentException.ThrowIfNullOrEmpty(targetName);
        ArgumentOutOfRangeException.ThrowIfNegative(droppedRows);
        if (featureNames.Count != features.Columns)
        {
            throw new ArgumentException($"{featureNames.Count} feature names were given for a matrix with {features.Columns} columns; give one name per column.", nameof(featureNames));
        }

        Source = source;
        Features = features;
        FeatureNames = featureNames.ToArray();
        TargetName = targetName;
        Task = task;
        Labels = labels;
        ClassNames = classNames?.ToArray();
        Targets = targets;
        DroppedRows = droppedRows;
        Columns = columns is null ? [.. FeatureNames.Select(FeatureColumn.Numeric)] : CheckColumns(columns, features, FeatureNames);
        Facts = facts ?? LoadFacts.None;
    }

    /// <summary>Where the data came from: a file name or a built-in dataset name.</summary>
    public string Source { get; }

    /// <summary>The features, rows × <see cref="FeatureNames"/>.Count, row-major.</summary>
    public Matrix<float> Features { get; }

    /// <summary>One name per feature column, in column order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The target column's name.</summary>
    public string? TargetName { get; }

    /// <summary>Classification (use <see cref="Labels"/>) or regression (use <see cref="Targets"/>).</summary>
    public TaskKind Task { get; }

    /// <summary>For classification, the class index of each row, in 0..<see cref="ClassNames"/>.Count−1; otherwise <see langword="null"/>.</summary>
    public int[]? Labels { get; }

    /// <summary>For classification, the name of each class index; otherwise <see langword="null"/>.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>For regression, the target value of each row; otherwise <see langword="null"/>.</summary>
    public float[]? Targets { get; }

    /// <summary>How many rows the loader skipped because of invalid cells (see <see cref="CsvLoadOptions.DropInvalidRows"/>).</summary>
    public int DroppedRows { get; }

    /// <summary>Each feature column's name, kind and (for a categorical column) categories, in column order.</summary>
    public IReadOnlyList<FeatureColumn> Columns { get; }

    /// <summary>For each column responsible, how many of the <see cref="DroppedRows"/> it made invalid (a row may count for several).</summary>
    public IReadOnlyDictionary<string, int> DroppedRowsByColumn => Facts.DroppedRowsByColumn;

    /// <summary>Rows left out because their target cell was empty or a missing-value marker.</summary>
    public int RowsWithoutTarget => Facts.RowsWithoutTarget;

    /// <summary>Columns left out because they cannot be features (with <see cref="CsvLoadOptions.AutoColumns"/>); <see cref="Notes"/> says why.</summary>
    public IReadOnlyList<string> DroppedColumns => Facts.DroppedColumns;

    /// <summary>What the loader recognised or did that a user should know, one sentence each (a counts line skipped, no
    /// header, short rows, rows without a target, columns set aside).</summary>
    public IReadOnlyList<string> Notes => Facts.Notes;

    /// <summary>Number of missing (NaN) feature cells.</summary>
    public int MissingCells => Features.Data.Count(float.IsNaN);

    private LoadFacts Facts { get; }

    /// <summary>Number of rows (samples).</summary>
    public int Rows => Features.Rows;

    /// <summary>Number of classes for classification; 0 for regression.</summary>
    public int ClassCount => ClassNames?.Count ?? 0;

    /// <summary>Creates a classification dataset.</summary>
    /// <param name="source">A file or dataset name, for messages.</param>
    /// <param name="features">The features, rows × features.</param>
    /// <param name="featureNames">One name per feature column.</param>
    /// <param name="targetName">The target's name.</param>
    /// <param name="labels">One class index per row, each in 0..classNames.Count−1.</param>
    /// <param name="classNames">The class names, indexed by label.</param>
    /// <param name="droppedRows">Rows skipped while loading, ≥ 0.</param>
    /// <returns>The dataset; the arrays are kept, not copied.</returns>
    /// <exception cref="ArgumentException">Counts do not match, or a label is out of range.</exception>
    /// <param name="columns">Each column's kind and categories; <see langword="null"/> for numeric columns only. Names must match <paramref name="featureNames"/>.</param>
    public static TabularDataset ForClassification(string source, Matrix<float> features, IReadOnlyList<string> featureNames, string targetName,
        int[] labels, IReadOnlyList<string> classNames, int droppedRows = 0, IReadOnlyList<FeatureColumn>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        CheckRowCount(features, labels.Length, nameof(labels));
        if (classNames.Count == 0)
        {
            throw new ArgumentException("A classification dataset needs at least one class name.", nameof(classNames));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classNames.Count)
            {
                throw new ArgumentException($"labels[{i}] is {labels[i]} but there are {classNames.Count} classes; labels must be in 0..{classNames.Count - 1}.", nameof(labels));
            }
        }

        return new TabularDataset(source, features, featureNames, targetName, TaskKind.Classification, labels, classNames, null, droppedRows, columns);
    }

    /// <summary>Creates a regression dataset.</summary>
    /// <param name="source">A file or dataset name, for messages.</param>
    /// <param name="features">The features, rows × features.</param>
    /// <param name="featureNames">One name per feature column.</param>
    /// <param name="targetName">The target's name.</param>
    /// <param name="targets">One target value per row.</param>
    /// <param name="droppedRows">Rows skipped while loading, ≥ 0.</param>
    /// <returns>The dataset; the arrays are kept, not copied.</returns>
    /// <exception cref="ArgumentException">Counts do not match.</exception>
    /// <param name="columns">Each column's kind and categories; <see langword="null"/> for numeric columns only. Names must match <paramref name="featureNames"/>.</param>
    public static TabularDataset ForRegression(string source, Matrix<float> features, IReadOnlyList<string> featureNames, string targetName,
        float[] targets, int droppedRows = 0, IReadOnlyList<FeatureColumn>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        CheckRowCount(features, targets.Length, nameof(targets));
        return new TabularDataset(source, features, featureNames, targetName, TaskKind.Regression, null, null, targets, droppedRows, columns);
    }

    /// <summary>The same data with what the loader found (notes, rows left out or dropped, columns set aside).</summary>
    internal TabularDataset WithFacts(LoadFacts facts) =>
        new(Source, Features, FeatureNames, TargetName!, Task, Labels, ClassNames, Targets, DroppedRows, Columns, facts);

    /// <summary>A new dataset holding the given rows in the given order (names and classes are shared).</summary>
    /// <param name="rowIndices">Indices of the rows to keep, each in 0..<see cref="Rows"/>−1.</param>
    /// <returns>The subset; <see cref="DroppedRows"/> is carried over.</returns>
    public TabularDataset SelectRows(ReadOnlySpan<int> rowIndices)
    {
        Matrix<float> features = Features.SelectRows(rowIndices);
        if (Task == TaskKind.Classification)
        {
            int[] labels = new int[rowIndices.Length];
            for (int i = 0; i < labels.Length; i++)
            {
                labels[i] = Labels![rowIndices[i]];
            }

            return new TabularDataset(Source, features, FeatureNames, TargetName!, Task, labels, ClassNames, null, DroppedRows, Columns, Facts);
        }

        float[] targets = new float[rowIndices.Length];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = Targets![rowIndices[i]];
        }

        return new TabularDataset(Source, features, FeatureNames, TargetName!, Task, null, null, targets, DroppedRows, Columns, Facts);
    }

    /// <summary>A fingerprint of the table: SHA-256 over the feature names, the target's name, the class names and every
    /// row's values, so two loads of the same rows give the same hash whatever file format or path they came from.</summary>
    /// <returns>64 lower-case hexadecimal digits.</returns>
    /// <remarks>
    /// The bytes hashed, in order: the UTF-8 text "perceptron-table-1", then each feature name, the target name and each
    /// class name, each followed by a 0 byte; then for each row its features as float32 little-endian and its label
    /// (int32) or target (float32), little-endian. <see cref="Source"/> and <see cref="DroppedRows"/> are not hashed.
    /// </remarks>
    public string ContentHash()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        void Text(string text)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(text));
            hash.AppendData([0]);
        }

        hash.AppendData("perceptron-table-1"u8);
        foreach (string name in FeatureNames.Append(TargetName ?? "").Concat(ClassNames ?? []))
        {
            Text(name);
        }

        Span<byte> number = stackalloc byte[4];
        for (int row = 0; row < Rows; row++)
        {
            if (BitConverter.IsLittleEndian)
            {
                hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Features.Row(row)));
            }
            else
            {
                foreach (float value in Features.Row(row))
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(number, value);
                    hash.AppendData(number);
                }
            }

            if (Labels is not null)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(number, Labels[row]);
            }
            else
            {
                System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(number, Targets![row]);
            }

            hash.AppendData(number);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Describes the dataset, e.g. "iris.csv: 150 rows × 4 features → species (classification, 3 classes)".</summary>
    /// <returns>Source, shape, target and task.</returns>
    public override string ToString() => Task == TaskKind.Classification
        ? $"{Source}: {Rows} rows × {Features.Columns} features → {TargetName} (classification, {ClassCount} classes)"
        : $"{Source}: {Rows} rows × {Features.Columns} features → {TargetName} (regression)";

    /// <summary>One column per feature, named alike, and every categorical cell a category index (or NaN, missing).</summary>
    private static IReadOnlyList<FeatureColumn> CheckColumns(IReadOnlyList<FeatureColumn> columns, Matrix<float> features, IReadOnlyList<string> names)
    {
        if (columns.Count != names.Count || !columns.Select(c => c.Name).SequenceEqual(names, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The columns ({string.Join(", ", columns.Select(c => c.Name))}) must name the features ({string.Join(", ", names)}) in order.", nameof(columns));
        }

        for (int c = 0; c < columns.Count; c++)
        {
            int categories = columns[c].Categories.Count;
            for (int row = 0; columns[c].Kind == ColumnKind.Categorical && row < features.Rows; row++)
            {
                float code = features[row, c];
                if (!float.IsNaN(code) && (code < 0 || code >= categories || code != MathF.Floor(code)))
                {
                    throw new ArgumentException($"Row {row} of the categorical column '{columns[c].Name}' holds {code}; it must be a category index in 0..{categories - 1}, or NaN for a missing cell.", nameof(columns));
                }
            }
        }

        return [.. columns];
    }

    private static void CheckRowCount(Matrix<float> features, int count, string parameter)
    {
        if (count != features.Rows)
        {
            throw new ArgumentException($"{count} {parameter} were given for {features.Rows} feature rows; give one per row.", parameter);
        }
    }
}
