using Perceptron.Data;

namespace Perceptron.Tests.Data;

public class CsvRecordReaderTests
{
    private const string Text =
        "a,b,c\r\n1,22,333\n\"q,1\",x\"y,\r\n  \n4444,,5\r6,\"multi\nline\",7\r\n,,\n" +
        "88888888,99999999,1010101010,\"\"\"\"\r\nlast,line,without end";

    /// <summary>Every record's fields and line, as the reader gives them.</summary>
    private static List<(string[] Fields, long Line)> Records(TextReader text)
    {
        var reader = new CsvRecordReader(text, "test.csv", 100);
        var records = new List<(string[], long)>();
        while (reader.Read())
        {
            records.Add(([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader[i].ToString())], reader.RecordLine));
        }

        return records;
    }

    [Fact]
    public void Read_MixedRecords_GivesFieldsAndLines()
    {
        List<(string[] Fields, long Line)> records = Records(new StringReader(Text));

        Assert.Equal(
        [
            (["a", "b", "c"], 1L), (["1", "22", "333"], 2L), (["q,1", "x\"y", ""], 3L), (["4444", "", "5"], 5L),
            (["6", "multi\nline", "7"], 6L), (["", "", ""], 8L), (["88888888", "99999999", "1010101010", "\""], 9L),
            (["last", "line", "without end"], 10L),
        ], records.Select(r => (r.Fields, r.Line)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
    public void Read_TextArrivingInPieces_GivesTheSameRecords(int piece)
    {
        // Every line end, delimiter and quote falls on a refill for some piece size: the whole-line path and the
        // general path must agree on all of them.
        List<(string[] Fields, long Line)> whole = Records(new StringReader(Text));
        List<(string[] Fields, long Line)> pieces = Records(new PieceReader(Text, piece));

        Assert.Equal(whole.Select(r => (string.Join('|', r.Fields), r.Line)), pieces.Select(r => (string.Join('|', r.Fields), r.Line)));
    }

    [Fact]
    public void Read_TooManyFieldsOnAPlainLine_NamesTheLine()
    {
        var reader = new CsvRecordReader(new StringReader("a,b\n1,2,3,4\n"), "test.csv", 3);
        Assert.True(reader.Read());

        DataFormatException e = Assert.Throws<DataFormatException>(() => reader.Read());

        Assert.Equal("test.csv, line 2: the record has more than 3 columns, the limit; check the delimiter (--delimiter)", e.Message);
    }

    /// <summary>A text reader that hands out at most <paramref name="piece"/> characters per read.</summary>
    private sealed class PieceReader(string text, int piece) : TextReader
    {
        private int _position;

        public override int Read(char[] buffer, int index, int count)
        {
            int n = Math.Min(Math.Min(count, piece), text.Length - _position);
            text.CopyTo(_position, buffer, index, n);
            _position += n;
            return n;
        }
    }
}
