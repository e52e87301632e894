namespace Perceptron.Data;

/// <summary>
/// A CSV file opened for reading its data records one at a time (gzip or not, any dialect), after its layout (skipped
/// lines, counts line, header) has been worked out as the loader does. Nothing is kept once the next record is read, so
/// a file of any size can be passed over with memory that does not grow with it.
/// </summary>
internal sealed class CsvRowStream : IDisposable
{
    private readonly FileStream _file;
    private readonly Stream _input;
    private readonly TextReader _text;
    private readonly CsvRecordReader _reader;
    private int _stage;

    public CsvRowStream(string path, CsvLoadOptions options)
    {
        Source = path;
        _file = CsvLoader.OpenFile(path);
        try
        {
            _input = IdxPayload.OpenMaybeGzip(_file, out bool gzip);
            _input = gzip ? GzipLengthCheck.Wrap(_input, _file, path) : _input;
            _text = CsvLoader.OpenText(_input);
            _reader = new CsvRecordReader(_text, path, options.MaxColumns);
            Cells = new CellParser(options.DecimalSeparator, options.MissingValues);
            Layout = CsvLayout.Read(_reader, options, Cells, path);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The file, as named in messages.</summary>
    public string Source { get; }

    /// <summary>The header (or x0…) and what was recognised at the start of the file.</summary>
    public CsvLayout Layout { get; }

    /// <summary>Reads cells with the file's decimal separator and missing-value markers.</summary>
    public CellParser Cells { get; }

    /// <summary>The next data record in file order, or null at the end; valid until the next call.</summary>
    public ICsvRecord? Next()
    {
        if (_stage == 0)
        {
            _stage = 1;
            if (Layout.FirstData is { } first)
            {
                return first;
            }
        }

        if (_stage == 1)
        {
            _stage = 2;
            if (Layout.ReaderHoldsData)
            {
                return _reader;
            }
        }

        return _reader.Read() ? _reader : null;
    }

    public void Dispose()
    {
        _text?.Dispose();
        if (_input is not null && !ReferenceEquals(_input, _file))
        {
            _input.Dispose();
        }

        _file.Dispose();
    }
}
