using System.Text;

namespace Perceptron.Data;

/// <summary>Splits RFC 4180 text into records of fields, one record at a time, without a string per field.</summary>
/// <remarks>
/// Quoted fields (the quote character is <see cref="Quote"/>) may hold delimiters, newlines and doubled quotes. A quote
/// inside an unquoted field is kept as text (real files contain 5'3"); text after a closing quote is an error. Records
/// end at CRLF, LF or a lone CR. Blank and whitespace-only lines are skipped, and so are lines that start with
/// <see cref="Comment"/>. Every limit is checked as characters arrive, so memory grows only with what the file holds.
/// The reader knows nothing of headers or types: the loader and, later, a streaming reader both build on it.
/// </remarks>
internal sealed partial class CsvRecordReader : ICsvRecord
{
    /// <summary>Longest field accepted, in characters: no numeric cell, header name or class name needs more.</summary>
    internal const int MaxFieldChars = 1 << 16;

    /// <summary>Longest first line scanned to detect the delimiter (a 100,000-column header is about 1 M characters).</summary>
    private const int MaxDetectChars = 1 << 24;

    private readonly TextReader _reader;
    private readonly string _source;
    private readonly int _maxFields;
    private char[] _buffer = new char[1 << 14];
    private int _position;
    private int _length;
    private bool _endOfText;
    private char[] _chars = new char[256];       // the current record's field text, back to back
    private int _charCount;
    private int[] _fieldEnds = new int[16];      // _fieldEnds[i] is where field i ends in _chars
    private int _delimitersKept;                 // 1 when _chars holds the record's line as is, delimiters and all
    private long _line = 1;                      // the line the reader is on, 1-based

    public CsvRecordReader(TextReader reader, string source, int maxFields)
    {
        _reader = reader;
        _source = source;
        _maxFields = maxFields;
    }

    /// <summary>The field separator; set it (or call <see cref="DetectDelimiter"/>) before the first <see cref="Read"/>.</summary>
    public char Delimiter { get; set; } = ',';

    /// <summary>The quote character that encloses fields holding delimiters or newlines.</summary>
    public char Quote { get; set; } = '"';

    /// <summary>Lines whose first non-blank character is this are skipped; null for none.</summary>
    public char? Comment { get; set; }

    /// <summary>Header names, once known, so that errors can name the column.</summary>
    public IReadOnlyList<string>? ColumnNames { get; set; }

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The 1-based line on which the current record starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Comment lines skipped so far.</summary>
    public int CommentLines { get; private set; }

    /// <summary>Field <paramref name="index"/> of the current record, unquoted.</summary>
    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            int start = index == 0 ? 0 : _fieldEnds[index - 1] + _delimitersKept;
            return _chars.AsSpan(start, _fieldEnds[index] - start);
        }
    }

    /// <summary>Consumes <paramref name="lines"/> physical lines as they are (quotes mean nothing there).</summary>
    /// <returns>How many lines were skipped (fewer when the text ends first).</returns>
    public int SkipLines(int lines)
    {
        int skipped = 0;
        while (skipped < lines && Peek() >= 0)
        {
            int c;
            do
            {
                c = Next();
            }
            while (c >= 0 && c != '\n' && c != '\r');

            if (c == '\r' && Peek() == '\n')
            {
                Next();
            }

            _line++;
            skipped++;
        }

        return skipped;
    }

    /// <summary>The next line that is not blank (and not a comment when <paramref name="skipComments"/>), without consuming anything.</summary>
    /// <remarks>Stops at a NUL character (binary data is reported by <see cref="Read"/>, at its line and column).</remarks>
    public string PeekLine(bool skipComments = true)
    {
        int offset = 0;
        while (true)
        {
            ReadOnlySpan<char> pending = _buffer.AsSpan(_position + offset, _length - _position - offset);
            int end = pending.IndexOfAny('\r', '\n');
            bool complete = end >= 0 || _endOfText || _length >= MaxDetectChars;
            if (!complete)
            {
                Fill(preserve: true); // at the end of the text, the last line is then complete
                continue;
            }

            ReadOnlySpan<char> line = end >= 0 ? pending[..end] : pending;
            int nul = line.IndexOf('\0');
            line = nul >= 0 ? line[..nul] : line;
            bool skip = line.IsWhiteSpace() || (skipComments && IsComment(line));
            if (!skip || end < 0)
            {
                return skip ? "" : line.ToString();
            }

            offset += end + 1;
        }
    }

    /// <summary>Picks a delimiter: whichever of <paramref name="candidates"/> occurs most often, outside quotes, in the
    /// first line that is not blank or a comment (ties go to the earlier candidate).</summary>
    public char DetectDelimiter(ReadOnlySpan<char> candidates)
    {
        string line = PeekLine();
        Span<int> counts = stackalloc int[candidates.Length];
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == Quote)
            {
                quoted = !quoted;
            }
            else if (!quoted && candidates.IndexOf(c) is int k and >= 0)
            {
                counts[k]++;
            }
        }

        int best = 0;
        for (int k = 1; k < candidates.Length; k++)
        {
            best = counts[k] > counts[best] ? k : best;
        }

        Delimiter = candidates[best];
        return Delimiter;
    }

    /// <summary>Reads the next record that is not blank or a comment.</summary>
    /// <returns><see langword="false"/> at the end of the text.</returns>
    public bool Read()
    {
        while (ReadRecord(out bool blank))
        {
            if (!blank)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An error at the current record.</summary>
    public DataFormatException Error(string problem, int? column = null) => Error(problem, column, RecordLine);

    /// <summary>An error at a given line of the current record (a record with quoted newlines spans several).</summary>
    private DataFormatException Error(string problem, int? column, long line) =>
        new(_source, problem, line, column, column is int c && ColumnNames is { } names && c < names.Count ? names[c] : null);

    private bool IsComment(ReadOnlySpan<char> line) => Comment is char mark && line.TrimStart().StartsWith(mark);

    private bool ReadRecord(out bool blank)
    {
        blank = false;
        FieldCount = 0;
        _charCount = 0;
        _delimitersKept = 0;
        RecordLine = _line;
        if (Peek() < 0)
        {
            return false;
        }

        if (Comment is char mark && StartsWithComment(mark))
        {
            SkipLines(1);
            CommentLines++;
            blank = true;
            return true;
        }

        if (TryReadWholeLine(out blank))
        {
            return true;
        }

        bool anyQuoted = false;
        while (true)
        {
            int fieldStart = _charCount;
            int c = Next();
            if (c == Quote)
            {
                anyQuoted = true;
                ReadQuoted(fieldStart);
                c = Next();
                if (c >= 0 && c != Delimiter && c != '\n' && c != '\r')
                {
                    throw Error($"unexpected {Describe((char)c)} after the closing quote of a quoted field; inside quotes write a quote as {Quote}{Quote}", FieldCount, _line);
                }
            }
            else if (c >= 0)
            {
                _position--; // the field's first character is scanned with the rest
                c = ReadUnquoted(fieldStart);
            }

            EndField();
            if (c == Delimiter)
            {
                continue;
            }

            // End of record: a CRLF pair counts as one line end.
            if (c == '\r' && Peek() == '\n')
            {
                Next();
            }

            if (c >= 0)
            {
                _line++;
            }

            // Blank and whitespace-only lines carry no data (a one-column file is refused anyway: it has no target).
            blank = FieldCount == 1 && !anyQuoted && this[0].IsWhiteSpace();
            return true;
        }
    }

    /// <summary>Whether the next line's first non-blank character is <paramref name="mark"/> (looking ahead in the buffer).</summary>
    private bool StartsWithComment(char mark)
    {
        for (int offset = 0; ; offset++)
        {
            while (_position + offset >= _length)
            {
                if (!Fill(preserve: true))
                {
                    return false;
                }
            }

            char c = _buffer[_position + offset];
            if (c is not (' ' or '\t'))
            {
                return c == mark;
            }
        }
    }

    private void ReadQuoted(int fieldStart)
    {
        long openedOn = _line;
        while (true)
        {
            int c = Next();
            if (c < 0)
            {
                throw Error($"a quoted field opened on line {openedOn} is never closed (the text ends inside it)", FieldCount);
            }

            if (c == Quote)
            {
                if (Peek() != Quote)
                {
                    return;
                }

                Next();
                Append(Quote, fieldStart);
                continue;
            }

            Append((char)c, fieldStart);
            if (c == '\r' && Peek() == '\n')
            {
                Append((char)Next(), fieldStart);
            }

            if (c is '\r' or '\n')
            {
                _line++;
            }
        }
    }

    private void Append(char c, int fieldStart)
    {
        if (c == '\0')
        {
            throw NulError();
        }

        if (_charCount - fieldStart >= MaxFieldChars)
        {
            throw FieldTooLong();
        }

        EnsureChars(1);
        _chars[_charCount++] = c;
    }

    private void EnsureChars(int more)
    {
        if (_charCount + more > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + more));
        }
    }

    private DataFormatException NulError() =>
        Error("the text contains a NUL character: it looks binary, not CSV text (UTF-16 text needs a byte-order mark)", FieldCount, _line);

    private DataFormatException FieldTooLong() =>
        Error($"a field is longer than {MessageText.Count(MaxFieldChars)} characters; no numeric cell, name or class label needs that much (is a quote unbalanced?)", FieldCount);

    private void EndField()
    {
        if (FieldCount == _maxFields)
        {
            throw Error($"the record has more than {MessageText.Count(_maxFields)} columns, the limit; check the delimiter (--delimiter)");
        }

        if (FieldCount == _fieldEnds.Length)
        {
            Array.Resize(ref _fieldEnds, _fieldEnds.Length * 2);
        }

        _fieldEnds[FieldCount++] = _charCount;
    }

    private int Peek()
    {
        if (_position == _length && !Fill(preserve: false))
        {
            return -1;
        }

        return _buffer[_position];
    }

    private int Next()
    {
        int c = Peek();
        if (c >= 0)
        {
            _position++;
        }

        return c;
    }

    /// <summary>Reads more text; with <paramref name="preserve"/>, keeps the unread text and grows the buffer if full.</summary>
    private bool Fill(bool preserve)
    {
        if (_endOfText)
        {
            return false;
        }

        if (!preserve)
        {
            _position = 0;
            _length = 0;
        }
        else if (_length == _buffer.Length)
        {
            if (_position > 0)
            {
                // Keep only the unread text, then make room.
                Array.Copy(_buffer, _position, _buffer, 0, _length - _position);
                _length -= _position;
                _position = 0;
            }

            if (_length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
        }

        int read;
        try
        {
            read = _reader.Read(_buffer, _length, _buffer.Length - _length);
        }
        catch (DecoderFallbackException e)
        {
            // The decoder reads ahead of the parser, so no exact line is known.
            throw new DataFormatException(_source, $"the text is not valid UTF-8 (after line {_line}); save it as UTF-8, or as UTF-16 with a byte-order mark", innerException: e);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(_source, $"the gzip data is corrupt (after line {_line}); decompress it with gzip -t to check it", innerException: e);
        }
        catch (EndOfStreamException e)
        {
            throw new DataFormatException(_source, $"the gzip data is truncated (after line {_line})", innerException: e);
        }

        _length += read;
        _endOfText = read == 0;
        return read > 0;
    }

    private static string Describe(char c) => char.IsControl(c) ? $"character U+{(int)c:X4}" : $"'{c}'";
}
