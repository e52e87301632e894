using System.Buffers;
using System.Globalization;

namespace Perceptron.Data;

/// <summary>What a CSV cell holds, as <see cref="CellParser"/> reads it.</summary>
internal enum CellKind
{
    /// <summary>Empty, or one of the missing-value markers.</summary>
    Missing,

    /// <summary>A finite number that fits a float.</summary>
    Number,

    /// <summary>A number that is not finite or does not fit a float (the problem says which).</summary>
    Invalid,

    /// <summary>Anything else: a category, a date, free text.</summary>
    Text,
}

/// <summary>Reads one CSV cell as missing, a number or text, with the file's decimal separator and missing-value markers.</summary>
/// <remarks>Numbers are parsed in the invariant culture whatever the machine's: the decimal separator is the one the
/// options name, never guessed from the culture. Shared by the loader, prediction files and row-by-row readers.</remarks>
internal sealed class CellParser
{
    private const NumberStyles Style = NumberStyles.Float;
    private readonly char _decimal;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _missing;
    private readonly ulong _markerLengths;         // bit n set: some marker has n characters (bit 63: 63 or more)
    private readonly UInt128 _markerFirstChars;     // bit c set: some marker starts with ASCII c (bit 127: with any other)

    public CellParser(char decimalSeparator, IEnumerable<string> missingValues)
    {
        _decimal = decimalSeparator;
        var markers = new HashSet<string>(missingValues.Select(m => m.Trim()), StringComparer.Ordinal);
        _missing = markers.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (string marker in markers)
        {
            _markerLengths |= 1UL << Math.Min(marker.Length, 63);
            _markerFirstChars |= UInt128.One << (marker.Length > 0 ? Math.Min((int)marker[0], 127) : 127);
        }
    }

    /// <summary>The decimal separator numbers are written with.</summary>
    public char DecimalSeparator => _decimal;

    /// <summary>Reads a feature cell.</summary>
    /// <param name="cell">The cell's text (surrounding spaces are ignored).</param>
    /// <param name="value">The number, for <see cref="CellKind.Number"/>; NaN otherwise.</param>
    /// <param name="problem">Why an <see cref="CellKind.Invalid"/> cell is invalid, ready for a message.</param>
    public CellKind Parse(ReadOnlySpan<char> cell, out float value, out string? problem)
    {
        CellKind kind = ParseDouble(cell, out double number, out problem);
        value = kind == CellKind.Number ? (float)number : float.NaN;
        if (kind == CellKind.Number && !float.IsFinite(value))
        {
            // Parsed as double first: a float parse would silently turn 1e39 into ∞ and lose the reason.
            problem = $"{MessageText.Quote(cell.Trim())} is outside the float range (about ±3.4e38)";
            return CellKind.Invalid;
        }

        return kind;
    }

    /// <summary>Reads a cell as a double (targets keep double precision until the task is known).</summary>
    public CellKind ParseDouble(ReadOnlySpan<char> cell, out double value, out string? problem)
    {
        problem = null;
        value = double.NaN;
        cell = cell.Trim();
        if (cell.IsEmpty || (MayBeMarker(cell) && _missing.Contains(cell)))
        {
            return CellKind.Missing;
        }

        if (!TryParseNumber(cell, out value))
        {
            value = double.NaN;
            return CellKind.Text;
        }

        if (!double.IsFinite(value))
        {
            problem = $"{MessageText.Quote(cell)} is not a finite number (NaN, infinity or beyond ±1.8e308)";
            return CellKind.Invalid;
        }

        return CellKind.Number;
    }

    /// <summary>Whether a text cell would be a number if ',' were the decimal separator ("1,5"): the hint for --decimal.</summary>
    public bool LooksLikeDecimalComma(ReadOnlySpan<char> cell)
    {
        cell = cell.Trim();
        int comma = cell.IndexOf(',');
        return _decimal == '.' && comma > 0 && comma == cell.LastIndexOf(',') && cell.IndexOf('.') < 0
            && double.TryParse(cell[..comma], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            && double.TryParse(cell[(comma + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>Whether a cell's length and first character match some marker's: most cells are ruled out without hashing them.</summary>
    private bool MayBeMarker(ReadOnlySpan<char> cell) =>
        (_markerLengths & (1UL << Math.Min(cell.Length, 63))) != 0
        && (_markerFirstChars & (UInt128.One << Math.Min((int)cell[0], 127))) != UInt128.Zero;

    private bool TryParseNumber(ReadOnlySpan<char> cell, out double value)
    {
        if (ShortDecimal.TryParse(cell, _decimal, out value))
        {
            return true; // the common plain decimal, to the same double as the general parse below
        }

        if (_decimal == '.')
        {
            return double.TryParse(cell, Style, CultureInfo.InvariantCulture, out value);
        }

        // A decimal comma: a '.' is then not part of a number (no thousands separators either way).
        value = double.NaN;
        if (cell.IndexOf('.') >= 0)
        {
            return false;
        }

        char[]? rented = cell.Length > 128 ? ArrayPool<char>.Shared.Rent(cell.Length) : null;
        Span<char> copy = rented is null ? stackalloc char[cell.Length] : rented.AsSpan(0, cell.Length);
        cell.CopyTo(copy);
        copy.Replace(_decimal, '.');
        bool parsed = double.TryParse(copy, Style, CultureInfo.InvariantCulture, out value);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return parsed;
    }
}
