namespace Perceptron.Data;

/// <summary>How <see cref="IdxReader"/> converts and bounds IDX data.</summary>
public sealed record IdxReadOptions
{
    /// <summary>The defaults: raw pixel values 0..255, at most 512 MiB of data per file.</summary>
    public static IdxReadOptions Default { get; } = new();

    /// <summary>Divide pixels by 255 so they lie in [0, 1]; <see langword="false"/> (the default) keeps 0..255 as floats.</summary>
    public bool ScaleToUnitRange { get; init; }

    /// <summary>Most data bytes (after decompression) that a file may declare, ≥ 1; the default 512 MiB is ten times
    /// the full MNIST training set and refuses absurd headers before anything is allocated.</summary>
    public long MaxDataBytes { get; init; } = 512L << 20;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDataBytes, 1, nameof(MaxDataBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxDataBytes, Array.MaxLength, nameof(MaxDataBytes));
    }
}
