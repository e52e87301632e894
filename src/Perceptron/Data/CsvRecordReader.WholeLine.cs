using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Perceptron.Data;

// The fast paths of the reader: most records are one line of unquoted fields lying whole in the buffer, and those are
// split with a vector scan for the delimiter; a field is otherwise copied a run at a time. Both give exactly what the
// character-by-character reading in CsvRecordReader.cs gives, which still handles quotes, NULs and refills.
internal sealed partial class CsvRecordReader
{
    /// <summary>What ends a line that the whole-line path can take; a quote or NUL sends the record to the general path.</summary>
    private SearchValues<char>? _lineStops;
    private char _stopsQuote;
    private SearchValues<char>? _fieldStops;     // what ends an unquoted field, for _stopsDelimiter
    private char _stopsDelimiter;

    /// <summary>Reads the record at the reader's position if it is one line of unquoted fields already in the buffer.</summary>
    /// <returns><see langword="false"/>, having consumed nothing, when it is not (a quote or NUL in the line, the line
    /// running past the buffer or longer than a field may be); the general path then reads it.</returns>
    private bool TryReadWholeLine(out bool blank)
    {
        blank = false;
        if (_lineStops is null || _stopsQuote != Quote)
        {
            _lineStops = SearchValues.Create(['\n', '\r', Quote, '\0']);
            _stopsQuote = Quote;
        }

        ReadOnlySpan<char> pending = _buffer.AsSpan(_position, _length - _position);
        int end = pending.IndexOfAny(_lineStops);
        if (end < 0 || end > MaxFieldChars || pending[end] is not ('\n' or '\r'))
        {
            return false;
        }

        // Copy the line once, then mark where each field ends: at each delimiter, and at the line's end.
        ReadOnlySpan<char> line = pending[..end];
        EnsureChars(line.Length);
        line.CopyTo(_chars);
        _delimitersKept = 1; // field i + 1 starts one past where field i ends
        SplitAtDelimiters(line);
        _charCount = line.Length;
        EndField();

        // The line end: a CRLF pair counts as one (a CR at the buffer's end peeks at the next text).
        _position += end + 1;
        if (pending[end] == '\r' && Peek() == '\n')
        {
            _position++;
        }

        _line++;
        blank = FieldCount == 1 && this[0].IsWhiteSpace();
        return true;
    }

    /// <summary>Ends a field at each delimiter in <paramref name="line"/> (whose text starts at 0 in <see cref="_chars"/>).</summary>
    private void SplitAtDelimiters(ReadOnlySpan<char> line)
    {
        ReadOnlySpan<ushort> units = MemoryMarshal.Cast<char, ushort>(line);
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // Eight characters at a time: a bit per delimiter, lowest first.
            Vector128<ushort> delimiter = Vector128.Create((ushort)Delimiter);
            for (; i + Vector128<ushort>.Count <= units.Length; i += Vector128<ushort>.Count)
            {
                uint found = Vector128.Equals(Vector128.Create(units.Slice(i, Vector128<ushort>.Count)), delimiter).ExtractMostSignificantBits();
                while (found != 0)
                {
                    _charCount = i + BitOperations.TrailingZeroCount(found);
                    EndField();
                    found &= found - 1;
                }
            }
        }

        for (; i < units.Length; i++)
        {
            if (units[i] == Delimiter)
            {
                _charCount = i;
                EndField();
            }
        }
    }

    /// <summary>Copies an unquoted field out of the buffer a run at a time (the common case, so no per-character calls).</summary>
    /// <returns>The character that ended the field (the delimiter or a line end), or -1 at the end of the text.</returns>
    private int ReadUnquoted(int fieldStart)
    {
        SearchValues<char> stops = FieldStops();
        while (true)
        {
            ReadOnlySpan<char> pending = _buffer.AsSpan(_position, _length - _position);
            int end = pending.IndexOfAny(stops);
            ReadOnlySpan<char> run = end >= 0 ? pending[..end] : pending;

            // The checks Append makes per character, in its order: too long first, then NUL.
            if (_charCount - fieldStart + run.Length > MaxFieldChars)
            {
                throw FieldTooLong();
            }

            EnsureChars(run.Length);
            run.CopyTo(_chars.AsSpan(_charCount));
            _charCount += run.Length;
            _position += run.Length;
            if (end >= 0)
            {
                char stop = _buffer[_position++];
                return stop == '\0' ? throw NulError() : stop;
            }

            if (!Fill(preserve: false))
            {
                return -1;
            }
        }
    }

    /// <summary>What ends an unquoted field: the delimiter, a line end, or a NUL (an error).</summary>
    private SearchValues<char> FieldStops()
    {
        if (_fieldStops is null || _stopsDelimiter != Delimiter)
        {
            _fieldStops = SearchValues.Create([Delimiter, '\n', '\r', '\0']);
            _stopsDelimiter = Delimiter;
        }

        return _fieldStops;
    }
}
