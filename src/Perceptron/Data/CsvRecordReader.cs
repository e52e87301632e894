using System.Text;

namespace Perceptron.Data;

/// <summary>Splits RFC 4180 text into records of fields, one record at a time, without a string per field.</summary>
/// <remarks>
/// Quoted fields may hold delimiters, newlines and doubled quotes (""). A quote inside an unquoted field is kept as
/// text (real files contain 5'3"); text after a closing quote is an error. Records end at CRLF, LF or a lone CR.
/// Empty lines are skipped. Every limit is checked as characters arrive, so memory grows only with what the file holds.
/// </remarks>
internal sealed class CsvRecordReader
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
    private long _line = 1;                      // the line the reader is on, 1-based

    public CsvRecordReader(TextReader reader, string source, int maxFields)
    {
        _reader = reader;
        _source = source;
        _maxFields = maxFields;
    }

    /// <summary>The field separator; set it (or call <see cref="DetectDelimiter"/>) before the first <see cref="Read"/>.</summary>
    public char Delimiter { get; set; } = ',';

    /// <summary>Header names, once known, so that errors can name the column.</summary>
    public IReadOnlyList<string>? ColumnNames { get; set; }

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The 1-based line on which the current record starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Field <paramref name="index"/> of the current record, unquoted.</summary>
    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            int start = index == 0 ? 0 : _fieldEnds[index - 1];
            return _chars.AsSpan(start, _fieldEnds[index] - start);
        }
    }

    /// <summary>Picks ',' ';' or tab: whichever occurs most often, outside quotes, in the first non-empty line (ties in that order).</summary>
    public char DetectDelimiter()
    {
        // Look ahead without consuming: buffer text until the first non-empty line is complete.
        ReadOnlySpan<char> line;
        while (true)
        {
            ReadOnlySpan<char> pending = _buffer.AsSpan(_position, _length - _position);
            int start = pending.IndexOfAnyExcept('\r', '\n');
            line = start < 0 ? [] : pending[start..];
            int newline = line.IndexOfAny('\r', '\n');
            if (newline >= 0)
            {
                line = line[..newline];
                break;
            }

            if (_endOfText || _length >= MaxDetectChars || !Fill(preserve: true))
            {
                break;
            }
        }

        int comma = 0, semicolon = 0, tab = 0;
        bool quoted = false;
        foreach (char c in line)
        {
            switch (c)
            {
                case '"': quoted = !quoted; break;
                case ',' when !quoted: comma++; break;
                case ';' when !quoted: semicolon++; break;
                case '\t' when !quoted: tab++; break;
            }
        }

        Delimiter = comma >= semicolon && comma >= tab ? ',' : semicolon >= tab ? ';' : '\t';
        return Delimiter;
    }

    /// <summary>Reads the next non-empty record.</summary>
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
    public DataFormatException Error(string problem, int? column = null) =>
        new(_source, problem, RecordLine, column, column is int c && ColumnNames is { } names && c < names.Count ? names[c] : null);

    private bool ReadRecord(out bool blank)
    {
        blank = false;
        FieldCount = 0;
        _charCount = 0;
        RecordLine = _line;
        if (Peek() < 0)
        {
            return false;
        }

        bool anyQuoted = false;
        while (true)
        {
            int fieldStart = _charCount;
            int c = Next();
            if (c == '"')
            {
                anyQuoted = true;
                ReadQuoted(fieldStart);
                c = Next();
                if (c >= 0 && c != Delimiter && c != '\n' && c != '\r')
                {
                    throw Error($"unexpected {Describe((char)c)} after the closing quote of a quoted field; inside quotes write a quote as \"\"", FieldCount);
                }
            }
            else
            {
                while (c >= 0 && c != Delimiter && c != '\n' && c != '\r')
                {
                    Append((char)c, fieldStart);
                    c = Next();
                }
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

            blank = FieldCount == 1 && _charCount == 0 && !anyQuoted;
            return true;
        }
    }

    private void ReadQuoted(int fieldStart)
    {
        long openedOn = _line;
        while (true)
        {
            int c = Next();
            switch (c)
            {
                case < 0:
                    throw Error($"a quoted field opened on line {openedOn} is never closed (the text ends inside it)", FieldCount);
                case '"' when Peek() == '"':
                    Next();
                    Append('"', fieldStart);
                    break;
                case '"':
                    return;
                case '\r':
                    Append('\r', fieldStart);
                    if (Peek() == '\n')
                    {
                        Append((char)Next(), fieldStart);
                    }

                    _line++;
                    break;
                case '\n':
                    Append('\n', fieldStart);
                    _line++;
                    break;
                default:
                    Append((char)c, fieldStart);
                    break;
            }
        }
    }

    private void Append(char c, int fieldStart)
    {
        if (_charCount - fieldStart >= MaxFieldChars)
        {
            throw Error($"a field is longer than {MessageText.Count(MaxFieldChars)} characters; no numeric cell, name or class label needs that much (is a quote unbalanced?)", FieldCount);
        }

        if (_charCount == _chars.Length)
        {
            Array.Resize(ref _chars, _chars.Length * 2);
        }

        _chars[_charCount++] = c;
    }

    private void EndField()
    {
        if (FieldCount == _maxFields)
        {
            throw Error($"the record has more than {MessageText.Count(_maxFields)} columns, the limit (raise CsvLoadOptions.MaxColumns if this is intended)");
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
            Array.Resize(ref _buffer, _buffer.Length * 2);
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

        if (_buffer.AsSpan(_length, read).Contains('\0'))
        {
            throw new DataFormatException(_source, $"the text contains a NUL character (after line {_line}): it looks binary, not CSV text (UTF-16 text needs a byte-order mark)");
        }

        _length += read;
        _endOfText = read == 0;
        return read > 0;
    }

    private static string Describe(char c) => char.IsControl(c) ? $"character U+{(int)c:X4}" : $"'{c}'";
}
