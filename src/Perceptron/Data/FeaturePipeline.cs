using System.Runtime.CompilerServices;
using Perceptron.Tensors;

namespace Perceptron.Data;

/// <summary>
/// Turns raw feature rows into what a network takes, in three typed steps fitted on the training rows only:
/// <see cref="MissingValueImputer"/> (fill missing cells, optional indicator columns), <see cref="OneHotEncoder"/>
/// (categories to 0/1 columns) and a scaler (<see cref="StandardScaler"/> or <see cref="MinMaxScaler"/> over every
/// encoded column). A model file stores the three (docs/model-format.md); <c>TabularModel.Predict</c> applies them to raw rows.
/// </summary>
/// <remarks>
/// <para>Raw rows hold numbers, category indices into <see cref="Columns"/>' categories (an unknown category is the
/// category count) and NaN for missing cells. <see cref="Encode(TabularDataset)"/> puts a <see cref="TabularDataset"/> (whose
/// categories are the file's own) into that form by column name and category text.</para>
/// <para>Fitting needs only per-column statistics accumulated row by row (<see cref="ColumnStatistics"/>): the fill
/// values, the categories kept, and the scaler's parameters are derived from them, the scaler's after imputation and
/// encoding, without a second pass over the data.</para>
/// </remarks>
/// <example><code>
/// FeaturePipeline pipeline = FeaturePipeline.Fit(train, new PreprocessingOptions { MissingIndicators = true });
/// Matrix&lt;float&gt; x = pipeline.Transform(pipeline.Encode(train));   // rows × pipeline.OutputWidth
/// </code></example>
public sealed class FeaturePipeline
{
    /// <summary>Assembles a pipeline from fitted (or saved) steps.</summary>
    /// <param name="columns">The raw features: names, kinds and, for categorical ones, the categories the steps know.</param>
    /// <param name="imputer">Step 1, over the raw columns; null to require complete rows.</param>
    /// <param name="encoder">Step 2, over step 1's output; null when no column is categorical.</param>
    /// <param name="scaler">Step 3, over step 2's output; null for none.</param>
    /// <exception cref="ArgumentException">The steps' widths do not chain, or the encoder's categories do not match the columns'.</exception>
    public FeaturePipeline(IReadOnlyList<FeatureColumn> columns, MissingValueImputer? imputer, OneHotEncoder? encoder, IFeatureScaler? scaler)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = [.. columns];
        (Imputer, Encoder, Scaler) = (imputer, encoder, scaler);
        int width = Columns.Count;
        Check(imputer is null || imputer.InputWidth == width, $"the imputer takes {imputer?.InputWidth} columns but there are {width} features");
        width = imputer?.OutputWidth ?? width;
        Check(encoder is null || encoder.InputWidth == width, $"the encoder takes {encoder?.InputWidth} columns but the step before gives {width}");
        for (int c = 0; c < Columns.Count; c++)
        {
            OneHotColumn? encoding = encoder?.ColumnAt(c);
            bool categorical = Columns[c].Kind == ColumnKind.Categorical;
            Check(categorical == encoding is not null && (!categorical || encoding!.Categories.SequenceEqual(Columns[c].Categories, StringComparer.Ordinal)),
                $"the column '{Columns[c].Name}' is {(categorical ? "categorical" : "numeric")} but the encoder {(encoding is null ? "has no encoding for it" : "encodes it with other categories")}");
        }

        Check(encoder is null || encoder.Columns.All(c => c.Index < Columns.Count), "the encoder encodes an indicator column");
        width = encoder?.OutputWidth ?? width;
        Check(scaler is null || (scaler.IsFitted && scaler.Columns == width), $"the scaler takes {scaler?.Columns} columns but the step before gives {width}");
        OutputWidth = width;
    }

    /// <summary>The raw features this pipeline takes, in order.</summary>
    public IReadOnlyList<FeatureColumn> Columns { get; }

    /// <summary>Step 1: missing-value imputation, or null.</summary>
    public MissingValueImputer? Imputer { get; }

    /// <summary>Step 2: one-hot encoding of the categorical columns, or null.</summary>
    public OneHotEncoder? Encoder { get; }

    /// <summary>Step 3: scaling, or null.</summary>
    public IFeatureScaler? Scaler { get; }

    /// <summary>Raw columns in.</summary>
    public int InputWidth => Columns.Count;

    /// <summary>Columns out: the network's inputs.</summary>
    public int OutputWidth { get; }

    /// <summary>A name for each output column: "age", "city=Paris", "city=(other)", "age (missing)".</summary>
    public IReadOnlyList<string> OutputNames
    {
        get
        {
            var names = new List<string>();
            for (int c = 0; c < Columns.Count; c++)
            {
                if (Encoder?.ColumnAt(c) is { } encoding)
                {
                    names.AddRange(encoding.Categories.Select(category => $"{Columns[c].Name}={category}"));
                    if (encoding.HasOther)
                    {
                        names.Add($"{Columns[c].Name}=(other)");
                    }
                }
                else
                {
                    names.Add(Columns[c].Name);
                }
            }

            names.AddRange((Imputer?.IndicatorColumns ?? []).Select(c => $"{Columns[c].Name} (missing)"));
            return names;
        }
    }

    /// <summary>Fits the pipeline on training rows: fill values, categories and scaling from their statistics.</summary>
    /// <param name="train">The training rows only (never validation or test rows).</param>
    /// <param name="options">Imputation, indicators, category cap and scaling; null for the defaults.</param>
    /// <returns>The fitted pipeline.</returns>
    public static FeaturePipeline Fit(TabularDataset train, PreprocessingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        return Fit(train.Columns, ColumnStatistics.Of(train), options);
    }

    /// <summary>Fits the pipeline from per-column statistics (accumulated row by row, for example while streaming a file).</summary>
    /// <param name="columns">The raw columns; a categorical column's categories name the indices its statistics counted.</param>
    /// <param name="statistics">One accumulator per column, over the training rows.</param>
    /// <param name="options">Imputation, indicators, category cap and scaling; null for the defaults.</param>
    /// <returns>The fitted pipeline.</returns>
    /// <exception cref="ArgumentException">The lists differ in length or kind, or there are no rows.</exception>
    public static FeaturePipeline Fit(IReadOnlyList<FeatureColumn> columns, IReadOnlyList<ColumnStatistics> statistics, PreprocessingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(statistics);
        options ??= PreprocessingOptions.Default;
        options.Validate();
        if (columns.Count == 0 || columns.Count != statistics.Count || columns.Where((c, i) => c.Kind != statistics[i].Kind).Any() || statistics[0].Count + statistics[0].Missing == 0)
        {
            throw new ArgumentException($"Fitting needs at least one column and row, and one statistics accumulator of the same kind per column; got {columns.Count} columns and {statistics.Count} accumulators.", nameof(statistics));
        }

        return PipelineFit.Run(columns, statistics, options);
    }

    /// <summary>Puts a data set's features into this pipeline's raw form: columns matched by name, categories by text.</summary>
    /// <param name="data">Rows with (at least) this pipeline's columns.</param>
    /// <returns>Rows × <see cref="InputWidth"/>.</returns>
    /// <exception cref="ArgumentException">A column is missing, or holds categories where the pipeline expects numbers.</exception>
    public Matrix<float> Encode(TabularDataset data) => Encode(data, out _);

    /// <summary>As <see cref="Encode(TabularDataset)"/>, also counting the cells whose category this pipeline does not know.</summary>
    /// <param name="data">Rows with (at least) this pipeline's columns.</param>
    /// <param name="unseen">For each categorical column with unknown categories, how many cells hold one.</param>
    /// <returns>Rows × <see cref="InputWidth"/>.</returns>
    public Matrix<float> Encode(TabularDataset data, out IReadOnlyDictionary<string, int> unseen) => Encode(data, out unseen, copy: true);

    /// <summary>As <see cref="Encode(TabularDataset)"/>, for a caller that only reads the result: the data set's own matrix,
    /// not a copy, when it is already in this pipeline's raw form (every column a number, in the same place).</summary>
    internal Matrix<float> EncodeForReading(TabularDataset data) => Encode(data, out _, copy: false);

    private Matrix<float> Encode(TabularDataset data, out IReadOnlyDictionary<string, int> unseen, bool copy)
    {
        ArgumentNullException.ThrowIfNull(data);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var sourceOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int f = 0; f < data.FeatureNames.Count; f++)
        {
            sourceOf.TryAdd(data.FeatureNames[f], f); // the first column of a name, as IndexOf would find
        }

        int[] sources = new int[Columns.Count];
        var maps = new Func<float, float>?[Columns.Count]; // null: a number, copied as it is
        for (int c = 0; c < Columns.Count; c++)
        {
            FeatureColumn column = Columns[c];
            if (!sourceOf.TryGetValue(column.Name, out int source))
            {
                throw new ArgumentException($"The model needs feature '{column.Name}', which {data.Source} does not have; its columns are {string.Join(", ", data.FeatureNames)}.", nameof(data));
            }

            FeatureColumn given = data.Columns[source];
            if (column.Kind == ColumnKind.Numeric && given.Kind == ColumnKind.Categorical)
            {
                throw new ArgumentException($"The feature '{column.Name}' holds categories in {data.Source} but numbers in the model; load the data in the model's schema.", nameof(data));
            }

            sources[c] = source;
            maps[c] = column.Kind == ColumnKind.Numeric ? null : CategoryMap(column, given);
        }

        // Every column a number in the same place: the data is already in raw form.
        bool inPlace = data.Features.Columns == InputWidth && maps.All(map => map is null) && sources.Select((source, c) => source == c).All(same => same);
        if (inPlace && !copy)
        {
            unseen = counts;
            return data.Features;
        }

        var raw = inPlace ? data.Features.Clone() : Gather(data.Features, sources, maps);
        for (int c = 0; c < Columns.Count; c++)
        {
            int unknown = Columns[c].Categories.Count, seen = 0;
            for (int row = 0; maps[c] is not null && row < raw.Rows; row++)
            {
                seen += raw.Data[(row * raw.Columns) + c] == unknown ? 1 : 0;
            }

            if (seen > 0)
            {
                counts[Columns[c].Name] = seen;
            }
        }

        unseen = counts;
        return raw;
    }

    /// <summary>raw[row, c] = features[row, sources[c]], through maps[c] when there is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // millions of cells once per run: no time to tier up
    private static Matrix<float> Gather(Matrix<float> features, int[] sources, Func<float, float>?[] maps)
    {
        var raw = new Matrix<float>(features.Rows, sources.Length);
        for (int row = 0; row < raw.Rows; row++)
        {
            ReadOnlySpan<float> from = features.Row(row);
            Span<float> to = raw.Row(row);
            for (int c = 0; c < to.Length; c++)
            {
                float value = from[sources[c]];
                to[c] = maps[c] is { } map ? map(value) : value;
            }
        }

        return raw;
    }

    /// <summary>Reads one row given as text by feature name into this pipeline's raw form, as a CSV cell would be read:
    /// invariant-culture numbers, category names (or numbers, matched by their shortest text), and null, empty or a
    /// missing-value marker of <see cref="CsvLoadOptions.DefaultMissingValues"/> for a missing cell.</summary>
    /// <param name="row">Feature name → cell text; names that are not features are ignored.</param>
    /// <param name="unseen">The features whose category this pipeline does not know.</param>
    /// <returns>One raw row of <see cref="InputWidth"/> values.</returns>
    /// <exception cref="ArgumentException">A feature is absent from <paramref name="row"/>, or a numeric cell is not a finite number.</exception>
    public float[] Parse(IReadOnlyDictionary<string, string?> row, out IReadOnlyList<string> unseen)
    {
        ArgumentNullException.ThrowIfNull(row);
        var cells = new CellParser('.', CsvLoadOptions.DefaultMissingValues);
        var unknown = new List<string>();
        float[] raw = new float[InputWidth];
        for (int c = 0; c < raw.Length; c++)
        {
            FeatureColumn column = Columns[c];
            if (!row.TryGetValue(column.Name, out string? text))
            {
                throw new ArgumentException($"The row has no value for the feature '{column.Name}'; give every feature ({string.Join(", ", Columns.Select(x => x.Name))}), null for a missing one.", nameof(row));
            }

            CellKind kind = cells.Parse(text ?? "", out float number, out string? problem);
            if (kind == CellKind.Missing)
            {
                raw[c] = float.NaN;
            }
            else if (column.Kind == ColumnKind.Numeric)
            {
                raw[c] = kind == CellKind.Number ? number
                    : throw new ArgumentException($"The feature '{column.Name}' needs a number; {problem ?? $"got {MessageText.Quote(text)}"}.", nameof(row));
            }
            else
            {
                string name = text!.Trim();
                int index = column.Categories.ToList().IndexOf(name);
                index = index >= 0 || kind != CellKind.Number ? index : column.Categories.ToList().IndexOf(ColumnProfile.CategoryText(number));
                raw[c] = index >= 0 ? index : column.Categories.Count;
                if (index < 0)
                {
                    unknown.Add(column.Name);
                }
            }
        }

        unseen = unknown;
        return raw;
    }

    /// <summary>Transforms raw rows (this pipeline's form: numbers, category indices, NaN) into network inputs.</summary>
    /// <param name="raw">Rows × <see cref="InputWidth"/>; left unchanged.</param>
    /// <returns>Rows × <see cref="OutputWidth"/>. Without an imputer a NaN stays NaN.</returns>
    /// <exception cref="ArgumentException">The width differs from <see cref="InputWidth"/>.</exception>
    public Matrix<float> Transform(Matrix<float> raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.Columns != InputWidth)
        {
            throw new ArgumentException($"The rows have {raw.Columns} columns but the pipeline takes {InputWidth} ({string.Join(", ", Columns.Take(10).Select(c => c.Name))}{(InputWidth > 10 ? ", …" : "")}).", nameof(raw));
        }

        var output = new Matrix<float>(raw.Rows, OutputWidth);
        float[] scratch = new float[Imputer?.OutputWidth ?? InputWidth];
        for (int row = 0; row < raw.Rows; row++)
        {
            TransformRow(raw.Row(row), output.Row(row), scratch, scale: false);
        }

        Scaler?.TransformInPlace(output);
        return output;
    }

    /// <summary>Transforms one raw row (the row-by-row path; the same arithmetic as <see cref="Transform"/>).</summary>
    /// <param name="raw">One row of <see cref="InputWidth"/> values.</param>
    /// <param name="output">Receives <see cref="OutputWidth"/> values.</param>
    /// <exception cref="ArgumentException">A length differs from the pipeline's widths.</exception>
    public void TransformRow(ReadOnlySpan<float> raw, Span<float> output)
    {
        if (raw.Length != InputWidth || output.Length != OutputWidth)
        {
            throw new ArgumentException($"The row has {raw.Length} values and the output room for {output.Length}; the pipeline takes {InputWidth} and gives {OutputWidth}.", nameof(raw));
        }

        TransformRow(raw, output, new float[Imputer?.OutputWidth ?? InputWidth], scale: true);
    }

    internal void TransformRow(ReadOnlySpan<float> raw, Span<float> output, float[] scratch, bool scale)
    {
        // Without an encoder the imputed row is the output: impute straight into it.
        Span<float> imputed = Encoder is null ? output : scratch;
        if (Imputer is null)
        {
            raw.CopyTo(imputed);
        }
        else
        {
            Imputer.TransformRow(raw, imputed);
        }

        Encoder?.TransformRow(imputed, output);

        if (scale)
        {
            Scaler?.TransformRow(output);
        }
    }

    /// <summary>Describes the pipeline, e.g. "FeaturePipeline(13 → 21: MissingValueImputer(…) → OneHotEncoder(…) → StandardScaler(21 columns))".</summary>
    /// <returns>The widths and steps.</returns>
    public override string ToString()
    {
        string steps = string.Join(" → ", new object?[] { Imputer, Encoder, Scaler }.Where(s => s is not null));
        return $"FeaturePipeline({InputWidth} → {OutputWidth}{(steps.Length > 0 ? ": " + steps : "")})";
    }

    /// <summary>A data set's category index → this pipeline's (by text; an unknown category → the category count; NaN stays).</summary>
    private static Func<float, float> CategoryMap(FeatureColumn column, FeatureColumn given)
    {
        var index = column.Categories.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => (float)p.i, StringComparer.Ordinal);
        float unknown = column.Categories.Count;
        if (given.Kind == ColumnKind.Numeric)
        {
            return v => float.IsNaN(v) ? v : index.GetValueOrDefault(ColumnProfile.CategoryText(v), unknown);
        }

        float[] byCode = [.. given.Categories.Select(name => index.GetValueOrDefault(name, unknown))];
        return v => float.IsNaN(v) ? v : v >= 0 && v < byCode.Length ? byCode[(int)v] : unknown;
    }

    private static void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"The preprocessing steps do not fit together: {problem}.");
        }
    }
}
