using Perceptron.Data;

namespace Perceptron.Tabular;

/// <summary>What every pass over a streamed file needs, settled by the first pass: where and how to read, the columns,
/// the fitted preprocessing, the classes, and how rows are held out.</summary>
internal sealed record StreamingPlan
{
    public required string Path { get; init; }

    public required CsvLoadOptions Csv { get; init; }

    public required IReadOnlySet<string> DeclaredCategorical { get; init; }

    public required string TargetName { get; init; }

    public required TaskKind Task { get; init; }

    /// <summary>The class names in label order (classification), or null.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    public required FeaturePipeline Pipeline { get; init; }

    public StandardScaler? TargetScaler { get; init; }

    public required int Seed { get; init; }

    public required double TestFraction { get; init; }

    public required double ValidationFraction { get; init; }

    public required int SchemaRows { get; init; }

    /// <summary>A parser for one pass, with the pipeline's categories (an unknown one reads as "other").</summary>
    public StreamingRowParser Parser(CsvRowStream stream) =>
        new(stream, Pipeline.Columns, DeclaredCategorical, TargetName, Task, ClassNames, SchemaRows);

    /// <summary>The part of the file a row belongs to.</summary>
    public RowRole RoleOf(long row) => HashedSplit.Of(row, Seed, TestFraction, ValidationFraction);
}
