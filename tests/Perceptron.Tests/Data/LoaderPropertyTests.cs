using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Perceptron.Data;
using static Perceptron.Tests.Data.DataTestFiles;

namespace Perceptron.Tests.Data;

/// <summary>Property tests: random and mutated bytes fed to the CSV loader and the IDX reader must either load or
/// raise <see cref="DataFormatException"/>; any other exception, or a run over the time bound, fails.</summary>
/// <remarks>Each property runs a fixed number of small cases from a fixed FsCheck seed, so the whole class takes
/// about a second and a failure replays identically.</remarks>
public class LoaderPropertyTests
{
    private const int Cases = 300;

    /// <summary>Characters that matter to CSV: delimiters, quotes, line ends, digits, number syntax, NUL and non-ASCII.</summary>
    private static readonly char[] CsvAlphabet = [.. ",,,;\t\"\"\r\n\n0123456789..--+eEaxyNIn f∞é\0\uFEFF"];

    private static readonly string ValidCsv = "a,b,label\r\n1.5,\"2\",x\n3,4e-2,\"y \"\"z\"\"\"\n-7,+8,x\n";

    private static readonly CsvLoadOptions[] CsvOptions =
    [
        CsvLoadOptions.Default,
        new() { DropInvalidRows = true },
        new() { Task = TaskKind.Regression, TargetIndex = 0 },
        new() { Delimiter = ';', MaxColumns = 3 },
    ];

    [Fact]
    public void CsvLoader_RandomText_LoadsOrRaisesDataFormatException()
    {
        Gen<string> noise = Gen.Elements(CsvAlphabet).ArrayOf().Select(chars => new string(chars));
        Gen<string> text = Gen.OneOf(noise, noise.Select(n => "a,b,y\n" + n));
        Check(Gen.Zip(text, Gen.Choose(0, CsvOptions.Length - 1)), input => LoadCsv(Encoding.UTF8.GetBytes(input.Item1), CsvOptions[input.Item2]));
    }

    [Fact]
    public void CsvLoader_MutatedValidText_LoadsOrRaisesDataFormatException()
    {
        Gen<(int Position, int Kind, char Char)> mutation =
            from position in Gen.Choose(0, ValidCsv.Length)
            from kind in Gen.Choose(0, 2)
            from c in Gen.Elements(CsvAlphabet)
            select (position, kind, c);
        Gen<string> mutated = mutation.ArrayOf().Select(Mutate);
        Check(Gen.Zip(mutated, Gen.Choose(0, CsvOptions.Length - 1)), input => LoadCsv(Encoding.UTF8.GetBytes(input.Item1), CsvOptions[input.Item2]));
    }

    [Fact]
    public void CsvLoader_RandomBytesBehindAByteOrderMark_LoadOrRaiseDataFormatException()
    {
        byte[][] prefixes = [[], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [.. "a,b,y\n"u8]];
        Gen<byte[]> bytes = Gen.Zip(Gen.Elements(prefixes), ArbMap.Default.GeneratorFor<byte[]>())
            .Select(p => (byte[])[.. p.Item1, .. p.Item2]);
        Check(bytes, input => LoadCsv(input, CsvLoadOptions.Default));
    }

    [Fact]
    public void IdxReader_MutatedFiles_LoadOrRaiseDataFormatException()
    {
        byte[][] seeds = [Images(3, 2, 2), Gzip(Images(3, 2, 2)), Labels(5), Gzip(Labels(5))];
        Gen<(int Position, int Kind, byte Value)> mutation =
            from position in Gen.Choose(0, 60)
            from kind in Gen.Choose(0, 3)
            from value in ArbMap.Default.GeneratorFor<byte>()
            select (position, kind, value);
        Gen<byte[]> mutated = Gen.Zip(Gen.Elements(seeds), mutation.ArrayOf()).Select(m => Mutate(m.Item1, m.Item2));
        Check(mutated, ReadIdx);
    }

    [Fact]
    public void IdxReader_RandomBytesAfterAMagic_LoadOrRaiseDataFormatException()
    {
        byte[][] prefixes = [[], [0x1f, 0x8b], [0, 0, 8, 3], [0, 0, 8, 1], [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2]];
        Gen<byte[]> bytes = Gen.Zip(Gen.Elements(prefixes), ArbMap.Default.GeneratorFor<byte[]>())
            .Select(p => (byte[])[.. p.Item1, .. p.Item2]);
        Check(bytes, ReadIdx);
    }

    /// <summary>Runs the property for <see cref="Cases"/> cases from a fixed seed; throws on the first failure.</summary>
    private static void Check<T>(Gen<T> generator, Action<T> property)
    {
        Config config = Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20240611UL), FSharpOption<int>.None)));
        Prop.ForAll(generator.ToArbitrary(), property).Check(config);
    }

    private static void LoadCsv(byte[] bytes, CsvLoadOptions options) => Expect(() =>
    {
        TabularDataset data = CsvLoader.Load(new MemoryStream(bytes), "fuzz.csv", options);
        // NaN is a missing cell (imputed later); everything else is a finite number or a category index.
        Assert.True(data.Rows > 0 && data.Features.Data.All(v => float.IsFinite(v) || float.IsNaN(v)), data.ToString());
    });

    private static void ReadIdx(byte[] bytes) => Expect(() =>
    {
        // The same bytes go to both readers: each must reject what is not its own kind cleanly.
        Try(() => IdxReader.ReadImages(new MemoryStream(bytes), "fuzz.idx3"));
        Try(() => IdxReader.ReadLabels(new MemoryStream(bytes), "fuzz.idx1"));
    });

    /// <summary>Runs a load within the time bound; a DataFormatException is a pass, anything else a failure.</summary>
    private static void Expect(Action load) => Bounded(() => Try(load));

    private static void Try(Action load)
    {
        try
        {
            load();
        }
        catch (DataFormatException e)
        {
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    private static string Mutate((int Position, int Kind, char Char)[] mutations)
    {
        var text = new StringBuilder(ValidCsv);
        foreach (var (position, kind, c) in mutations)
        {
            int at = Math.Min(position, text.Length);
            switch (kind)
            {
                case 0: text.Insert(at, c); break;
                case 1 when at < text.Length: text.Remove(at, 1); break;
                case 2 when at < text.Length: text[at] = c; break;
            }
        }

        return text.ToString();
    }

    private static byte[] Mutate(byte[] seed, (int Position, int Kind, byte Value)[] mutations)
    {
        var bytes = new List<byte>(seed);
        foreach (var (position, kind, value) in mutations)
        {
            int at = Math.Min(position, bytes.Count);
            switch (kind)
            {
                case 0: bytes.Insert(at, value); break;
                case 1 when at < bytes.Count: bytes[at] = value; break;
                case 2: bytes.RemoveRange(at, bytes.Count - at); break; // truncate
                case 3 when at < bytes.Count: bytes[at] ^= (byte)(1 << (value % 8)); break; // flip a bit
            }
        }

        return [.. bytes];
    }
}
