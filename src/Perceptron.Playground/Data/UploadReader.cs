using System.Globalization;
using Perceptron.Data;

namespace Perceptron.Playground.Data;

/// <summary>
/// Adapter: reads an uploaded CSV with the library's loader (the same one <c>perceptron train</c> uses, with its
/// messages), within the playground's limits. The bytes stay in memory; the client's file name is only a label.
/// </summary>
internal static class UploadReader
{
    /// <summary>Reads and checks an upload; throws <see cref="UploadException"/> with a message for the page.</summary>
    /// <param name="body">The request body: the CSV bytes.</param>
    /// <param name="fileName">The name the browser gave (used in messages only).</param>
    /// <param name="target">Target column by name or 0-based index; null for the last column.</param>
    /// <param name="task">"classification", "regression" or null to infer.</param>
    /// <param name="options">The limits.</param>
    /// <param name="cancellation">Stops reading when the request is aborted.</param>
    public static async Task<TabularDataset> ReadAsync(Stream body, string? fileName, string? target, string? task, PlaygroundOptions options, CancellationToken cancellation)
    {
        string name = SafeName(fileName);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81_920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellation).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > options.MaxUploadBytes)
            {
                throw new UploadException($"{name} is larger than {Megabytes(options.MaxUploadBytes)}, the playground's upload limit; use a sample of its rows, or 'perceptron train' for the whole file.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new UploadException($"{name} is empty; choose a CSV file with a header row and data rows.");
        }

        buffer.Position = 0;
        TabularDataset data;
        try
        {
            data = CsvLoader.Load(buffer, name, Options(target, task, options));
        }
        catch (DataFormatException exception)
        {
            throw new UploadException(exception.Message);
        }
        catch (ArgumentException exception)
        {
            throw new UploadException($"{name}: {exception.Message}");
        }

        if (data.Rows > options.MaxUploadRows)
        {
            throw new UploadException($"{name} has {data.Rows:N0} rows; the playground takes at most {options.MaxUploadRows:N0}. Use a sample, or 'perceptron train' for the whole file.");
        }

        if (data.Features.Columns > options.MaxUploadFeatures)
        {
            throw new UploadException($"{name} has {data.Features.Columns} feature columns; the playground takes at most {options.MaxUploadFeatures}.");
        }

        // The playground trains on the numbers as they are (its scaler and inspector show raw columns): categories and
        // missing cells, which 'perceptron train' encodes and imputes, are refused here rather than fed in as numbers.
        string[] categorical = [.. data.Columns.Where(c => c.Kind == ColumnKind.Categorical).Select(c => $"'{c.Name}'")];
        if (categorical.Length > 0)
        {
            throw new UploadException($"{name}: {string.Join(", ", categorical)} {(categorical.Length == 1 ? "holds" : "hold")} text (categories); the playground takes numeric features only. Leave {(categorical.Length == 1 ? "it" : "them")} out, or use 'perceptron train', which one-hot encodes categories.");
        }

        if (data.MissingCells > 0)
        {
            throw new UploadException($"{name} has {data.MissingCells:N0} missing cells; the playground takes complete rows. Fill them in, or use 'perceptron train', which imputes them.");
        }

        if (data.Rows < 4)
        {
            throw new UploadException($"{name} has {data.Rows} data rows; the playground needs at least 4 to split them into training and test rows.");
        }

        return data;
    }

    private static CsvLoadOptions Options(string? target, string? task, PlaygroundOptions limits)
    {
        TaskKind? kind = task switch
        {
            null or "" or "auto" => null,
            "classification" => TaskKind.Classification,
            "regression" => TaskKind.Regression,
            _ => throw new UploadException($"The task must be auto, classification or regression; got '{task}'."),
        };
        var options = new CsvLoadOptions
        {
            Task = kind,
            // Beyond the playground's own limits (checked after loading, with its own messages), so the loader's refuse only absurd files.
            MaxColumns = limits.MaxUploadFeatures * 10 + 10,
            MaxCells = (long)limits.MaxUploadRows * (limits.MaxUploadFeatures + 1) * 2,
        };
        if (string.IsNullOrWhiteSpace(target))
        {
            return options;
        }

        return int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            ? options with { TargetIndex = index }
            : options with { TargetName = target };
    }

    /// <summary>The browser's file name reduced to a harmless label: letters, digits, '.', '-' and '_', at most 60 characters.</summary>
    public static string SafeName(string? fileName)
    {
        string name = new([.. Path.GetFileName(fileName ?? "").Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_').Take(60)]);
        return name.Trim('.').Length == 0 ? "upload.csv" : name;
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB");
}

/// <summary>An upload the playground refuses, with the message the page shows.</summary>
internal sealed class UploadException(string message) : Exception(message);
